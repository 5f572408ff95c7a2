import type { Command } from './common.js';
import { explain } from './explain.js';

// Each command's module is loaded only when it runs, so `parapet scan` does not pay for the server's imports.
const commands: Record<string, { summary: string; load: () => Promise<Command> }> = {
  serve: {
    summary: 'Run Parapet (API and/or worker, per PARAPET_ROLES)',
    load: async () => (await import('./serve.js')).serveCommand,
  },
  migrate: {
    summary: 'Apply pending database migrations',
    load: async () => (await import('./migrate.js')).migrateCommand,
  },
  user: {
    summary: 'Add, list, suspend and reinstate users',
    load: async () => (await import('./user.js')).userCommand,
  },
  org: { summary: 'Create and list organisations', load: async () => (await import('./org.js')).orgCommand },
  audit: {
    summary: 'Verify the integrity of the audit log',
    load: async () => (await import('./audit.js')).auditCommand,
  },
  vault: {
    summary: 'Rotate the master key that protects stored secrets (rotate-key)',
    load: async () => (await import('./vault.js')).vaultCommand,
  },
  demo: {
    summary: 'Run Parapet with a demo force on the built-in Sandbox network',
    load: async () => (await import('./demo.js')).demoCommand,
  },
  scan: {
    summary: 'Match JSONL messages against keyword dictionaries (stdin → stdout)',
    load: async () => (await import('./scan-command.js')).scanCommand,
  },
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
  const entry = commands[name];
  if (!entry) {
    console.error(`Unknown command "${name}".\n\n${overview()}`);
    return 2;
  }
  const command = await entry.load();
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
