// The stand-in HTTP gateway for the browser tests (tests/support/
// gateway-recorder.py): records each request Lingting sends and answers by
// the number in it (13900400400 refused, 13900503503 unavailable once,
// 13900200200 a 200 with an error code, any other accepted), and as WeChat's
// API under /wechat.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface RunningGateway {
  url: (path: string) => string;
  requests: () => RecordedRequest[];
  /** A file WeChat's media/get gives for `mediaId` from now on. */
  addWechatMedia: (mediaId: string, contentType: string, content: Buffer) => void;
  stop: () => void;
}

const kScript = resolve(__dirname, '../../support/gateway-recorder.py');

export async function startGateway(): Promise<RunningGateway> {
  const directory = mkdtempSync(join(tmpdir(), 'lingting-e2e-gateway-'));
  const child: ChildProcess = spawn('/usr/bin/python3', [kScript, directory], { stdio: 'ignore' });
  const portFile = join(directory, 'port');
  const deadline = Date.now() + 15000;
  while (!existsSync(portFile)) {
    if (Date.now() > deadline) throw new Error('gateway-recorder.py did not start in 15 s');
    await new Promise((done) => setTimeout(done, 50));
  }
  const port = Number(readFileSync(portFile, 'utf8'));
  const log = join(directory, 'requests.jsonl');
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    requests: () =>
      existsSync(log)
        ? readFileSync(log, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as RecordedRequest)
        : [],
    addWechatMedia: (mediaId, contentType, content) => {
      const media = join(directory, 'media');
      mkdirSync(media, { recursive: true });
      writeFileSync(join(media, mediaId), content);
      // The type last: the recorder serves a file once its type is there.
      writeFileSync(join(media, `${mediaId}.type.tmp`), contentType);
      renameSync(join(media, `${mediaId}.type.tmp`), join(media, `${mediaId}.type`));
    },
    stop: () => {
      child.kill();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
