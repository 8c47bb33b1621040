/**
 * The app's security and cache headers, defined once. Everything that carries them is generated from here:
 * - the `<meta>` Content-Security-Policy and referrer policy in index.html, and `dist/_headers` (Netlify,
 *   Cloudflare Pages): by vite.config.ts at every build;
 * - `deploy/nginx-cape-prep.conf`, `deploy/cloudfront-response-headers-policy.json` and `deploy/s3-upload.sh`:
 *   by `npm run deploy-config` (a unit test fails when the committed files differ from what this module writes).
 *
 * Paths below are relative to the app's folder: the build runs at a domain root or under any sub-path.
 */

/**
 * Nothing but the app's own files: no third-party scripts, fonts, images or telemetry, and the page and
 * its workers may connect only to their own origin. Downloads are blob: links (navigations, not fetches).
 * No 'unsafe-eval': the "Your data" screen relies on it to tell whether the policy reached the worker.
 */
const CSP: readonly (readonly [directive: string, value: string])[] = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  ['worker-src', "'self'"],
  ['connect-src', "'self'"],
  ['style-src', "'self'"],
  ['img-src', "'self'"],
  ['font-src', "'self'"],
  ['manifest-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'self'"],
  ['form-action', "'none'"],
  // No other site may frame the app (clickjacking "Delete all local data").
  ['frame-ancestors', "'none'"],
];

/** Directives a browser ignores in a `<meta>` policy (CSP Level 3, §3.3): sent as a header only. */
const HEADER_ONLY = new Set(['frame-ancestors']);

/** The Content-Security-Policy as a response header, or as the `<meta>` element in index.html. */
export function contentSecurityPolicy(delivery: 'header' | 'meta'): string {
  return CSP.filter(([d]) => delivery === 'header' || !HEADER_ONLY.has(d))
    .map(([d, v]) => `${d} ${v}`)
    .join('; ');
}

/** Sent with every file of the app. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': contentSecurityPolicy('header'),
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  // Devices and tracking features the app never uses. Only names Chromium knows: it reports unknown ones as errors.
  'Permissions-Policy':
    'accelerometer=(), browsing-topics=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()',
};

/** The referrer policy as index.html's `<meta name="referrer">` (for hosts that cannot send headers). */
export const REFERRER_POLICY = SECURITY_HEADERS['Referrer-Policy']!;

/** File names under assets/ carry a hash of their content: a changed file is a new URL, so keep them a year. */
export const HASHED_CACHE = 'public, max-age=31536000, immutable';
/** The entry page and the service worker name the current version: browsers must ask every time (a 304 is cheap). */
export const REVALIDATE_CACHE = 'no-cache';

/** Folder of the hashed files, and the files that must be revalidated ('' is the folder URL itself). */
export const HASHED_DIR = 'assets/';
export const REVALIDATED = ['', 'index.html', 'sw.js'] as const;

const GENERATED = 'Generated from deploy/security-headers.ts by `npm run deploy-config`: edit that file, not this one.';

/**
 * `_headers` for Netlify and Cloudflare Pages, for the app published at `base` (a site root by default).
 * Both hosts join the values of a header named by several matching rules with commas, so no header
 * appears in two rules that can match one path.
 */
export function headersFile(base = '/'): string {
  const block = (path: string, headers: Record<string, string>): string =>
    [path, ...Object.entries(headers).map(([k, v]) => `  ${k}: ${v}`)].join('\n');
  return (
    [
      [
        '# CAPE Prep: security and cache headers for Netlify and Cloudflare Pages, written by the build from',
        '# deploy/security-headers.ts. Paths are from the site root: for a copy published under a sub-path, build',
        '# with CAPE_PREP_PATH=/that/path/ (see README, "Host it yourself").',
      ].join('\n'),
      block(`${base}*`, SECURITY_HEADERS),
      block(`${base}${HASHED_DIR}*`, { 'Cache-Control': HASHED_CACHE }),
      ...REVALIDATED.map((p) => block(`${base}${p}`, { 'Cache-Control': REVALIDATE_CACHE })),
    ].join('\n\n') + '\n'
  );
}

/**
 * An nginx snippet for the `location` that serves the build. nginx drops every inherited `add_header`
 * in a block that has its own, so the nested location for hashed files repeats the security headers.
 */
export function nginxSnippet(): string {
  const adds = (cache: string): string[] =>
    [...Object.entries(SECURITY_HEADERS), ['Cache-Control', cache]].map(([k, v]) => `add_header ${k} "${v}" always;`);
  return [
    `# CAPE Prep: security and cache headers for nginx. ${GENERATED}`,
    '# Include it in the location that serves the build (dist/), at the root or under any path, e.g.',
    '#   location /tools/cape-prep/ {',
    '#       include snippets/cape-prep.conf;   # this file, copied to /etc/nginx/snippets/',
    '#   }',
    '# with the build copied to <root>/tools/cape-prep/. Files outside assets/ (index.html, sw.js, icons) are',
    '# revalidated on every use; files under assets/ carry a content hash and are kept for a year.',
    ...adds(REVALIDATE_CACHE),
    `location ~ /${HASHED_DIR} {`,
    ...adds(HASHED_CACHE).map((l) => `    ${l}`),
    '}',
    '',
  ].join('\n');
}

/**
 * A CloudFront response headers policy (`aws cloudfront create-response-headers-policy
 * --response-headers-policy-config file://deploy/cloudfront-response-headers-policy.json`).
 * Cache-Control is not in it: S3 stores it with each object (deploy/s3-upload.sh).
 */
export function cloudFrontPolicy(): string {
  const builtIn = new Set(['Content-Security-Policy', 'Referrer-Policy', 'X-Content-Type-Options']);
  const custom = Object.entries(SECURITY_HEADERS).filter(([k]) => !builtIn.has(k));
  const config = {
    Name: 'cape-prep-security-headers',
    Comment: GENERATED,
    SecurityHeadersConfig: {
      ContentSecurityPolicy: { Override: true, ContentSecurityPolicy: SECURITY_HEADERS['Content-Security-Policy'] },
      ContentTypeOptions: { Override: true },
      ReferrerPolicy: { Override: true, ReferrerPolicy: REFERRER_POLICY },
    },
    CustomHeadersConfig: {
      Quantity: custom.length,
      Items: custom.map(([Header, Value]) => ({ Header, Value, Override: true })),
    },
  };
  return JSON.stringify(config, null, 2) + '\n';
}

/** Upload the build to S3 with each file's Cache-Control (CloudFront passes it on). */
export function s3UploadScript(): string {
  return [
    '#!/bin/sh',
    `# CAPE Prep: upload the build (dist/) to S3 with its cache headers. ${GENERATED}`,
    '# Usage: deploy/s3-upload.sh s3://bucket/path/to/app   (needs the AWS CLI, signed in)',
    'set -eu',
    'dest="${1:?usage: deploy/s3-upload.sh s3://bucket/path/to/app}"',
    `aws s3 sync "dist/${HASHED_DIR}" "$dest/${HASHED_DIR}" --cache-control "${HASHED_CACHE}"`,
    `aws s3 sync dist "$dest" --exclude "${HASHED_DIR}*" --exclude "_headers" --cache-control "${REVALIDATE_CACHE}"`,
    '',
  ].join('\n');
}

/** The committed configuration files, by path from the repository root. */
export function deployFiles(): Record<string, string> {
  return {
    'deploy/nginx-cape-prep.conf': nginxSnippet(),
    'deploy/cloudfront-response-headers-policy.json': cloudFrontPolicy(),
    'deploy/s3-upload.sh': s3UploadScript(),
  };
}
