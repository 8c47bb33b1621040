/**
 * `npm run deploy-config`: write the host configuration in deploy/ (nginx, CloudFront, S3) from
 * deploy/security-headers.ts. A unit test fails while a committed file differs from what this writes.
 */
import { chmodSync, writeFileSync } from 'node:fs';
import { deployFiles } from '../deploy/security-headers';

for (const [path, text] of Object.entries(deployFiles())) {
  writeFileSync(path, text);
  if (path.endsWith('.sh')) chmodSync(path, 0o755);
  console.log(`wrote ${path}`);
}
