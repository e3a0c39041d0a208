/**
 * What one page view says about the visitor before anything is stored: where they came from
 * (the referrer's kind), the device class, the language and the country. Read from plain strings
 * (a host, a User-Agent, an Accept-Language, a country header), so that a browser, an edge
 * middleware and a server agree. Never throws: what cannot be read is null.
 */

export const REFERRER_KINDS = ['search', 'social', 'email', 'other', 'direct'] as const;
export type ReferrerKind = (typeof REFERRER_KINDS)[number];

export const DEVICE_CLASSES = ['mobile', 'tablet', 'desktop'] as const;
export type DeviceClass = (typeof DEVICE_CLASSES)[number];

// Hosts by label, so that regional domains (google.fr, m.facebook.com) match too.
const MAIL = /(^|\.)(web)?mail\.|(^|\.)outlook\.(live|office|office365)\.com$/;
const SEARCH = /(^|\.)(google|bing|yahoo|duckduckgo|baidu|yandex|ecosia|qwant|startpage|naver|seznam|search\.brave)\./;
const SOCIAL =
  /(^|\.)(facebook|instagram|twitter|linkedin|pinterest|reddit|tiktok|youtube|threads|snapchat|whatsapp)\.[a-z.]+$|(^|\.)(t\.co|x\.com|fb\.com|lnkd\.in|youtu\.be|bsky\.app|mastodon\.social)$/;
const EMAIL_MEDIUM = /^(e-?mail|newsletter)$/i;

/**
 * The kind of the visit's referrer: `email` for a webmail host or an e-mail campaign
 * (`utm_medium=email`), `search`, `social`, `other` for another site, `direct` for none or the
 * site itself (one of its subdomains included).
 */
export function referrerKind(referrerHost: string | null | undefined, ownHost?: string | null, utmMedium?: string | null): ReferrerKind {
  if (utmMedium && EMAIL_MEDIUM.test(utmMedium)) return 'email';
  const host = hostName(referrerHost);
  if (!host) return 'direct';
  const own = hostName(ownHost);
  if (own && (host === own || host.endsWith(`.${own}`) || own.endsWith(`.${host}`))) return 'direct';
  if (MAIL.test(host)) return 'email';
  if (SEARCH.test(host)) return 'search';
  if (SOCIAL.test(host)) return 'social';
  return 'other';
}

const TABLET = /iPad|Tablet|PlayBook|Silk|Kindle|Android(?!.*Mobile)/i;
const MOBILE = /Mobi|iPhone|iPod|Android|Windows Phone|BlackBerry|Opera Mini/i;

/** The device class of a User-Agent; null without one. */
export const deviceClass = (userAgent: string | null | undefined): DeviceClass | null =>
  !userAgent ? null : TABLET.test(userAgent) ? 'tablet' : MOBILE.test(userAgent) ? 'mobile' : 'desktop';

/** The primary language of `navigator.language` or an Accept-Language header (`fr-FR,fr;q=0.9` -> `fr`). */
export function languageOf(tag: string | null | undefined): string | null {
  const primary = /^\s*([A-Za-z]{2,3})(?:[-_,;\s]|$)/.exec(tag ?? '');
  return primary ? primary[1].toLowerCase() : null;
}

/** An ISO 3166 country code from a CDN header (`x-vercel-ip-country`, `cf-ipcountry`); `XX` (unknown) is null. */
export function countryOf(header: string | null | undefined): string | null {
  const code = (header ?? '').trim().toUpperCase();
  return /^[A-Z][A-Z0-9]$/.test(code) && code !== 'XX' ? code : null;
}

/** A host name in lower case without port or trailing dot; null when there is none. */
const hostName = (host: string | null | undefined): string | null => (host ?? '').trim().toLowerCase().replace(/:\d+$/, '').replace(/\.$/, '') || null;
