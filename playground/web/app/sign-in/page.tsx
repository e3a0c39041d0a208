import { PageSnapshot } from '../../components/PageSnapshot';
import { SignIn } from '../../components/SignIn';
import { visitorPage } from '../../lib/server';

/** A stand-in for an account: it tells the kit what a real sign-in would (identified, customer). */
export default async function SignInPage() {
  const page = await visitorPage();
  const { profile } = page.snapshot();
  return (
    <>
      <header className="page-header">
        <h1>My account</h1>
        <p>A stand-in for a real sign-in: it only tells the site who you are, to see what changes.</p>
      </header>
      <SignIn consented={page.consented} identified={profile.identified} customer={profile.customer} />
      <PageSnapshot snapshot={page.snapshot()} />
    </>
  );
}
