import type { Metadata } from 'next';
import { headers } from 'next/headers';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { ConsentBanner } from '../components/ConsentBanner';
import { PreviewBar } from '../components/PreviewBar';
import { InspectorPanel } from '../components/InspectorPanel';
import { Providers } from '../components/Providers';
import { CONSENT_HEADER } from '../lib/names';
import { currentPreview } from '../lib/preview';
import { strapiUrl } from '../lib/site';
import './globals.css';

export const metadata: Metadata = {
  title: 'Northwind Insurance',
  description: 'Car, home, health and travel cover: the demo site of strapi-plugin-personalize.',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const consented = (await headers()).get(CONSENT_HEADER) === 'yes';
  const preview = await currentPreview();
  return (
    <html lang="en">
      <body>
        <Providers strapiUrl={strapiUrl()} preview={!!preview}>
          {preview && <PreviewBar preview={preview} />}
          <header className="site-header">
            <div className="wrap">
              <Link href="/" className="logo" aria-label="Northwind Insurance, home">
                <svg viewBox="0 0 32 32" aria-hidden="true">
                  <path d="M16 2 L29 8 V16 C29 23 23 28 16 30 C9 28 3 23 3 16 V8 Z" fill="#1f4e79" />
                  <path d="M10 17 L14 21 L22 11" stroke="#7fd1c1" strokeWidth="3" fill="none" strokeLinecap="round" />
                </svg>
                Northwind <span>Insurance</span>
              </Link>
              <nav>
                <Link href="/offers">Compare covers</Link>
                <Link href="/articles">Guides</Link>
                <Link href="/quote">Get a quote</Link>
                <Link href="/sign-in" className="nav-account">
                  My account
                </Link>
              </nav>
            </div>
          </header>
          <main className="wrap">{children}</main>
          <footer className="site-footer">
            <div className="wrap">
              <p>
                Northwind Insurance is a demo: its content comes from the playground&apos;s Strapi, chosen per visitor by
                strapi-plugin-personalize. Open <em>Why this page?</em> in the corner to see how.
              </p>
            </div>
          </footer>
          {!consented && !preview && <ConsentBanner />}
          <InspectorPanel />
        </Providers>
      </body>
    </html>
  );
}
