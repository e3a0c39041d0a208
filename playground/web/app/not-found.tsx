import Link from 'next/link';

export default function NotFound() {
  return (
    <header className="page-header">
      <h1>We could not find that page</h1>
      <p>
        It may have been unpublished. <Link href="/">Back to the home page</Link> or <Link href="/offers">compare our covers</Link>.
      </p>
    </header>
  );
}
