// Starts a real `lingting serve --demo` on a temporary SQLite store and a
// free loopback port, and stops it afterwards. The binary comes from
// LINGTING_BINARY (set by CTest), else build/test/bin/lingting.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface RunningLingting {
  url: string;
  directory: string;
  binary: string;
  stop: () => Promise<void>;
  /** Runs a `lingting` command against the same store (e.g. token create). */
  db: string;
}

export const kPassword = 'lingting-demo';

export function lingtingBinary(): string {
  return process.env.LINGTING_BINARY ?? resolve(__dirname, '../../../build/test/bin/lingting');
}

export async function startLingting(options: { demoCases?: number; env?: Record<string, string> } = {}): Promise<RunningLingting> {
  const directory = mkdtempSync(join(tmpdir(), 'lingting-e2e-'));
  const binary = lingtingBinary();
  const db = `sqlite:${join(directory, 'lingting.db')}`;
  const child: ChildProcess = spawn(
    binary,
    ['serve', '--demo', '--demo-cases', String(options.demoCases ?? 40), '--db', db, '--listen', '127.0.0.1:0', '--lang', 'en'],
    {
      cwd: directory,
      env: {
        ...process.env,
        LINGTING_STORE_ATTACHMENTS_DIR: join(directory, 'attachments'),
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const url = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`lingting did not start in 30 s:\n${output}`)), 30000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        done(match[1]!);
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.on('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`lingting exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    directory,
    binary,
    db,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((done) => child.once('exit', done));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** A bearer token for a demo user, made with `lingting token create` on the same store. */
export function tokenFor(lingting: RunningLingting, email: string): string {
  return execFileSync(lingting.binary, ['token', 'create', '--db', lingting.db, '--user', email], {
    cwd: lingting.directory,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  }).trim();
}

/** Calls the API as the token's user, failing on an error answer. */
export async function callApi<T>(lingting: RunningLingting, token: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${lingting.url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Sets the language a demo user works in, as they would on their account page. */
export async function preferLanguage(lingting: RunningLingting, email: string, locale: 'zh-CN' | 'en'): Promise<void> {
  const token = tokenFor(lingting, email);
  const session = await callApi<{ user: { id: number } }>(lingting, token, 'GET', '/api/v1/session');
  await callApi(lingting, token, 'PATCH', `/api/v1/users/${session.user.id}`, { locale });
}
