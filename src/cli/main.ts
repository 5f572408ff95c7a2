import { auditCommand } from './audit.js';
import { type Command, explain } from './common.js';
import { migrateCommand } from './migrate.js';
import { orgCommand } from './org.js';
import { serveCommand } from './serve.js';
import { userCommand } from './user.js';
import { scanCommand } from './scan-command.js';

const commands: Record<string, Command> = {
  serve: serveCommand,
  migrate: migrateCommand,
  user: userCommand,
  org: orgCommand,
  audit: auditCommand,
  scan: scanCommand,
};

function overview(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
  return `Usage: parapet <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun "parapet <command> --help" for details.`;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(overview());
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    console.error(`Unknown command "${name}".\n\n${overview()}`);
    return 2;
  }
  if (args.length === 1 && (args[0] === '--help' || args[0] === '-h')) {
    console.log(command.usage);
    return 0;
  }
  try {
    return await command.run(args);
  } catch (err) {
    const { message, code } = explain(err);
    console.error(message);
    return code;
  }
}
