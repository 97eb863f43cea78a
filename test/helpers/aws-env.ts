import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Makes the SDK's default credential chain hermetic for this test process (node:test runs each
 * file in its own process): an empty HOME, no profile, no metadata service. The SDK reads
 * process.env itself, so this is where its environment is set.
 */
export function hermeticAwsEnv(credentials: boolean): string {
  const home = mkdtempSync(join(tmpdir(), 'faultline-home-'));
  for (const key of Object.keys(process.env)) if (key.startsWith('AWS_')) delete process.env[key];
  process.env.HOME = home;
  process.env.AWS_CONFIG_FILE = join(home, 'no-config');
  process.env.AWS_SHARED_CREDENTIALS_FILE = join(home, 'no-credentials');
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  if (credentials) {
    process.env.AWS_ACCESS_KEY_ID = 'AKIAFAKEFORTESTS';
    process.env.AWS_SECRET_ACCESS_KEY = 'fake-secret';
  }
  return home;
}
