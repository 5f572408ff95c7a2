import type { Command } from './common.js';
import { runScan, SCAN_USAGE } from './scan.js';

export const scanCommand: Command = {
  usage: SCAN_USAGE,
  run: (args) => runScan(args, { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr }),
};
