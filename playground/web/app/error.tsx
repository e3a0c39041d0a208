'use client';
/** When Strapi cannot be reached or refuses a read: say so, and offer to try again. */
export default function Error({ error, reset }: { error: Error; reset: () => void }) {
  return (
    <header className="page-header" data-testid="error">
      <h1>The content is not available right now</h1>
      <p>{error.message || 'Strapi did not answer.'} Is the playground&apos;s Strapi running?</p>
      <button className="button" onClick={reset}>
        Try again
      </button>
    </header>
  );
}
