// A real Postfix for the browser tests (tests/support/smtp-sandbox.sh): it
// takes mail for any address on a loopback port and keeps what it received.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface RunningSmtp {
  port: number;
  caFile: string;
  /** The raw messages delivered so far. */
  delivered: () => string[];
  stop: () => void;
}

const kSandbox = resolve(__dirname, '../../support/smtp-sandbox.sh');

export function startSmtp(): RunningSmtp {
  const directory = mkdtempSync(join(tmpdir(), 'lingting-e2e-smtp-'));
  const port = Number(execFileSync(kSandbox, ['start', directory], { encoding: 'utf8' }).trim());
  const inbox = join(directory, 'sink', 'new');
  return {
    port,
    caFile: join(directory, 'cert.pem'),
    delivered: () => readdirSync(inbox).map((name) => readFileSync(join(inbox, name), 'latin1')),
    stop: () => {
      execFileSync(kSandbox, ['stop', directory]);
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
