/**
 * What the site tells crawlers and other programs: robots.txt, the W3C TDMRep reservation and which
 * addresses oEmbed answers for. Pure domain: no database, no HTTP.
 */
import { absolute } from '../site/index.js';

/**
 * Crawlers that gather text for AI models, kept out when crawlers.ai_training is "block".
 * This list needs upkeep: new AI crawlers appear every few months. Until a release adds one, an
 * editor can add its lines through the crawlers.robots_extra setting.
 */
export const AI_CRAWLERS = [
  'GPTBot',
  'ChatGPT-User',
  'Google-Extended',
  'CCBot',
  'ClaudeBot',
  'anthropic-ai',
  'PerplexityBot',
  'Bytespider',
  'Applebot-Extended',
  'meta-externalagent',
  'Amazonbot',
  'cohere-ai',
] as const;

export interface RobotsInput {
  publicationName: string;
  aiTraining: 'allow' | 'block';
  /** Lines an editor added (crawlers.robots_extra), appended as typed. */
  extra: string;
  /** Path prefix of PUBLIC_URL ("" at the root of a host, "/news" under it). */
  basePath: string;
  sitemapUrl: string;
}

/** robots.txt (RFC 9309): one group for every crawler, one for AI crawlers when blocked, the sitemap. */
export function robotsTxt(input: RobotsInput): string {
  const lines = [
    `# robots.txt for ${oneLine(input.publicationName)}`,
    'User-agent: *',
    `Disallow: ${input.basePath}/api/`,
    // Search results are endless combinations of the same articles; crawlers find them by sitemap.
    `Disallow: ${input.basePath}/search`,
    '',
  ];
  if (input.aiTraining === 'block') {
    lines.push(
      '# AI crawlers are kept out (setting crawlers.ai_training = block).',
      '# This list needs upkeep: new AI crawlers appear often.',
      ...AI_CRAWLERS.map((agent) => `User-agent: ${agent}`),
      `Disallow: ${input.basePath}/`,
      '',
    );
  }
  const extra = input.extra.replace(/\r\n?/g, '\n').trim();
  if (extra) lines.push('# Added by the publication (setting crawlers.robots_extra).', extra, '');
  lines.push(`Sitemap: ${input.sitemapUrl}`, '');
  return lines.join('\n');
}

export interface TdmReservation {
  reserved: boolean;
  /** Absolute address of the licensing policy, or null. */
  policyUrl: string | null;
}

/** The body of /.well-known/tdmrep.json (W3C TDMRep, section 4): one rule covering the whole site. */
export function tdmRepJson(tdm: TdmReservation, basePath: string): TdmRepRule[] {
  const rule: TdmRepRule = { location: `${basePath}/*`, 'tdm-reservation': tdm.reserved ? 1 : 0 };
  if (tdm.reserved && tdm.policyUrl) rule['tdm-policy'] = tdm.policyUrl;
  return [rule];
}

export interface TdmRepRule {
  location: string;
  'tdm-reservation': 0 | 1;
  'tdm-policy'?: string;
}

/** The HTTP headers of TDMRep (section 3), sent with every reader response. */
export function tdmHeaders(tdm: TdmReservation): Record<string, string> {
  const headers: Record<string, string> = { 'tdm-reservation': tdm.reserved ? '1' : '0' };
  if (tdm.reserved && tdm.policyUrl) headers['tdm-policy'] = tdm.policyUrl;
  return headers;
}

/**
 * The slug an article address names, if `raw` is an article address on this site
 * ("https://news.example/2026/11/16/slug"). The date is checked against the article afterwards.
 */
export function articleAddress(raw: string, publicUrl: URL): { path: string; slug: string } | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.origin !== publicUrl.origin) return null;
  const base = basePathOf(publicUrl);
  if (base && !url.pathname.startsWith(`${base}/`)) return null;
  const path = url.pathname.slice(base.length).replace(/\/$/, '');
  const match = /^\/\d{4}\/\d{2}\/\d{2}\/([^/]+)$/.exec(path);
  if (!match?.[1]) return null;
  try {
    return { path, slug: decodeURIComponent(match[1]) };
  } catch {
    return null;
  }
}

/**
 * The oEmbed address for an article, for the article page's
 * `<link rel="alternate" type="application/json+oembed" href=...>` (oEmbed discovery).
 */
export function oembedHref(publicUrl: URL, articleUrl: string): string {
  return absolute(publicUrl, `/oembed?url=${encodeURIComponent(articleUrl)}&format=json`);
}

/** PUBLIC_URL's path without its trailing slash: "" for "https://news.example/". */
export function basePathOf(publicUrl: URL): string {
  return publicUrl.pathname.replace(/\/+$/, '');
}

/** Text from settings on one line, so it cannot start a robots.txt rule of its own. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
