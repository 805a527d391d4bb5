import * as cp from 'node:child_process';
import { promisify } from 'node:util';

const execFileAsync = promisify(cp.execFile);

export function archive(dir: string, name: string): void {
  // ruleid: patterns.javascript.child-process-exec-injection
  cp.execSync(`tar -czf /backups/${name}.tgz ${dir}`);
}

export function resize(input: string, width: number): Promise<string> {
  return new Promise((resolve, reject) => {
    // ruleid: patterns.javascript.child-process-exec-injection
    cp.exec('convert ' + input + ' -resize ' + width + ' out.png', (err: Error | null, out: string) =>
      err ? reject(err) : resolve(out),
    );
  });
}

export async function resizeSafe(input: string, width: number): Promise<string> {
  // ok: patterns.javascript.child-process-exec-injection
  const { stdout } = await execFileAsync('convert', [input, '-resize', String(width), 'out.png']);
  return stdout;
}

export function uptime(): string {
  // ok: patterns.javascript.child-process-exec-injection
  return cp.execSync('uptime').toString();
}
