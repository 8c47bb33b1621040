/**
 * The security policy is defined once (deploy/security-headers.ts): the committed host files are what
 * it writes, and every host file sends the same headers to every file of the app.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  HASHED_CACHE,
  REVALIDATE_CACHE,
  SECURITY_HEADERS,
  cloudFrontPolicy,
  contentSecurityPolicy,
  deployFiles,
  headersFile,
} from '../../deploy/security-headers';
import { headersFor, parseHeadersFile } from '../../scripts/serve-static.mjs';

const lower = (h: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));

describe('host configuration from one definition', () => {
  it('the committed files in deploy/ are exactly what `npm run deploy-config` writes', () => {
    for (const [path, text] of Object.entries(deployFiles())) expect(readFileSync(path, 'utf8'), path).toBe(text);
  });

  it('the <meta> policy is the header policy less what browsers ignore in <meta> (frame-ancestors)', () => {
    expect(contentSecurityPolicy('header')).toBe(`${contentSecurityPolicy('meta')}; frame-ancestors 'none'`);
    expect(contentSecurityPolicy('meta')).not.toContain('unsafe');
  });

  it.each(['/', '/tools/cape-prep/'])(
    '_headers (read as Netlify and Cloudflare Pages read it) gives every file under %s the security headers once, and its cache rule',
    (base) => {
      const rules = parseHeadersFile(headersFile(base));
      const expected = (cache: string | null) => ({
        ...lower(SECURITY_HEADERS),
        ...(cache ? { 'cache-control': cache } : {}),
      });
      expect(headersFor(rules, base)).toEqual(expected(REVALIDATE_CACHE));
      expect(headersFor(rules, `${base}index.html`)).toEqual(expected(REVALIDATE_CACHE));
      expect(headersFor(rules, `${base}sw.js`)).toEqual(expected(REVALIDATE_CACHE));
      expect(headersFor(rules, `${base}assets/ingest.worker-DNV-yadl.js`)).toEqual(expected(HASHED_CACHE));
      expect(headersFor(rules, `${base}icons/icon-192.png`)).toEqual(expected(null));
    },
  );

  it('the nginx snippet sends the security headers in both of its blocks, with the cache rule of each', () => {
    const text = deployFiles()['deploy/nginx-cape-prep.conf']!;
    const [outer, nested] = text.split(/^location ~ \/assets\/ \{$/m);
    const adds = (block: string) =>
      Object.fromEntries([...block.matchAll(/^\s*add_header (\S+) "([^"]*)" always;$/gm)].map((m) => [m[1], m[2]]));
    expect(adds(outer!)).toEqual({ ...SECURITY_HEADERS, 'Cache-Control': REVALIDATE_CACHE });
    expect(adds(nested!)).toEqual({ ...SECURITY_HEADERS, 'Cache-Control': HASHED_CACHE });
  });

  it('the CloudFront policy sends the same security headers', () => {
    const p = JSON.parse(cloudFrontPolicy()) as {
      SecurityHeadersConfig: {
        ContentSecurityPolicy: { ContentSecurityPolicy: string };
        ReferrerPolicy: { ReferrerPolicy: string };
        ContentTypeOptions: { Override: boolean };
      };
      CustomHeadersConfig: { Quantity: number; Items: { Header: string; Value: string }[] };
    };
    const sent = {
      'Content-Security-Policy': p.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy,
      'Referrer-Policy': p.SecurityHeadersConfig.ReferrerPolicy.ReferrerPolicy,
      // CloudFront's only value for this header.
      'X-Content-Type-Options': p.SecurityHeadersConfig.ContentTypeOptions.Override ? 'nosniff' : '',
      ...Object.fromEntries(p.CustomHeadersConfig.Items.map((i) => [i.Header, i.Value])),
    };
    expect(sent).toEqual(SECURITY_HEADERS);
    expect(p.CustomHeadersConfig.Quantity).toBe(p.CustomHeadersConfig.Items.length);
  });
});
