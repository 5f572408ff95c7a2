// Finds a platform's adapter by convention (src/connectors/<platform>/index.ts exporting
// create<Platform>Connector) and loads it only when first needed. A platform without an adapter yet
// answers UnsupportedError, so the rest of Parapet can treat "not available" like any connector refusal.
import { UnsupportedError } from './errors.js';
import type { Connector, ConnectorDeps, Platform } from './types.js';

type Factory = (deps: ConnectorDeps) => Connector;

const FACTORY_NAMES: Record<Platform, string> = {
  bluesky: 'createBlueskyConnector',
  mastodon: 'createMastodonConnector',
  x: 'createXConnector',
  facebook: 'createFacebookConnector',
  instagram: 'createInstagramConnector',
  sandbox: 'createSandboxConnector',
};

const factories = new Map<Platform, Promise<Factory | null>>();

async function loadFactory(platform: Platform): Promise<Factory | null> {
  try {
    const mod = (await import(`./${platform}/index.js`)) as Record<string, unknown>;
    const factory = mod[FACTORY_NAMES[platform]];
    return typeof factory === 'function' ? (factory as Factory) : null;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') return null;
    throw err;
  }
}

export async function getConnector(platform: Platform, deps: ConnectorDeps): Promise<Connector> {
  if (!Object.hasOwn(FACTORY_NAMES, platform))
    throw new UnsupportedError(`unknown platform ${platform}`, String(platform));
  let pending = factories.get(platform);
  if (!pending) {
    pending = loadFactory(platform);
    factories.set(platform, pending);
  }
  const factory = await pending;
  if (!factory) throw new UnsupportedError(`no connector for ${platform} yet`, platform);
  return factory(deps);
}
