// Real mail servers for the browser tests: Postfix (tests/support/
// smtp-sandbox.sh) takes mail for any address on a loopback port and keeps
// what it received; Dovecot (imap-sandbox.sh) holds the mailboxes Lingting
// fetches, Postfix delivering @mailbox.lingting.test to it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface RunningSmtp {
  port: number;
  caFile: string;
  /** Hands a raw message to this server as a mail client would (swaks). */
  send: (to: string, raw: string) => void;
  /** The raw messages delivered so far. */
  delivered: () => string[];
  stop: () => void;
}

const kSandbox = resolve(__dirname, '../../support/smtp-sandbox.sh');
const kImapSandbox = resolve(__dirname, '../../support/imap-sandbox.sh');

export interface RunningImap {
  port: number;
  caFile: string;
  directory: string;
  stop: () => void;
}

/** Dovecot with users service@ and support@mailbox.lingting.test, password "secret". */
export function startImap(): RunningImap {
  const directory = mkdtempSync(join(tmpdir(), 'lingting-e2e-imap-'));
  const [port] = execFileSync(kImapSandbox, ['start', directory], { encoding: 'utf8' }).trim().split(' ').map(Number);
  return {
    port: port!,
    caFile: join(directory, 'cert.pem'),
    directory,
    stop: () => {
      execFileSync(kImapSandbox, ['stop', directory]);
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

export function startSmtp(imap?: RunningImap): RunningSmtp {
  const directory = mkdtempSync(join(tmpdir(), 'lingting-e2e-smtp-'));
  const port = Number(execFileSync(kSandbox, ['start', directory, ...(imap ? [imap.directory] : [])], { encoding: 'utf8' }).trim());
  const inbox = join(directory, 'sink', 'new');
  return {
    port,
    caFile: join(directory, 'cert.pem'),
    send: (to, raw) => {
      execFileSync('/usr/bin/swaks', ['--silent', '2', '--server', `127.0.0.1:${port}`, '--to', to, '--from', 'customer@example.com', '--data', '-'], { input: raw });
    },
    delivered: () => readdirSync(inbox).map((name) => readFileSync(join(inbox, name), 'latin1')),
    stop: () => {
      execFileSync(kSandbox, ['stop', directory]);
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
