'use client';
/** Marks the visitor a known contact or a customer (kit.set), then renders the page again. */
import { useRouter } from 'next/navigation';
import { usePersonalize } from 'strapi-plugin-personalize/react';

export function SignIn({ consented, identified, customer }: { consented: boolean; identified: boolean; customer: boolean }) {
  const kit = usePersonalize();
  const router = useRouter();
  const become = (state: { identified: boolean; customer: boolean }) => {
    kit.set(state);
    router.refresh();
  };
  const status = customer ? 'a customer' : identified ? 'a known contact' : 'not signed in';
  return (
    <section className="card sign-in" data-testid="sign-in">
      <p>
        You are <strong data-testid="sign-in-status">{status}</strong>.
      </p>
      {!consented && <p className="muted">Without consent to the cookie the site cannot remember this beyond the current page.</p>}
      <div className="sign-in-actions">
        <button className="button" onClick={() => become({ identified: true, customer: false })} data-testid="sign-in-contact">
          Sign in
        </button>
        <button className="button" onClick={() => become({ identified: true, customer: true })} data-testid="sign-in-customer">
          Sign in as a customer
        </button>
        <button className="button secondary" onClick={() => become({ identified: false, customer: false })} data-testid="sign-out">
          Sign out
        </button>
      </div>
    </section>
  );
}
