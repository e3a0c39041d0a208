'use client';
/**
 * The visitor inspector, closed by default, opened from the corner: who the site thinks you are,
 * the context it sent, and why each entry on the page was chosen. Read from the page's server
 * render, plus what happened since in the browser (actions, events).
 */
import { useEffect, useState } from 'react';
import { usePersonalize } from 'strapi-plugin-personalize/react';
import { REASON_WORDS, type DecisionRow } from '../lib/inspect';
import { PROFILE } from '../lib/site';
import { useInspector } from './Providers';

const THRESHOLD = PROFILE.interests?.threshold ?? 1;
const time = (ms: number) => new Date(ms).toLocaleTimeString('en-GB');

export function InspectorPanel() {
  const [open, setOpen] = useState(false);
  const [, tick] = useState(0);
  const { snapshot, sent } = useInspector();
  const kit = usePersonalize();
  // While open, the browser side refreshes every second (actions on this page move the stage).
  useEffect(() => {
    if (!open) return;
    const timer = setInterval(() => tick((n) => n + 1), 1000);
    return () => clearInterval(timer);
  }, [open]);

  if (!open)
    return (
      <button className="inspector-toggle" onClick={() => setOpen(true)} data-testid="inspector-open" aria-expanded="false">
        Why this page?
      </button>
    );
  if (!snapshot) return null;
  const { profile, stage, context, decisions } = snapshot;
  const scores = Object.entries(profile.interests.scores).sort(([, a], [, b]) => b - a);
  const live = kit.stage();
  return (
    <aside className="inspector" aria-label="Visitor inspector" data-testid="inspector">
      <header>
        <h2>Why you see this page</h2>
        <button className="close" onClick={() => setOpen(false)} aria-label="Close the inspector">
          ×
        </button>
      </header>
      {snapshot.preview && (
        <p className="inspector-preview">Preview as {snapshot.preview}: Strapi serves this audience in place of the context below.</p>
      )}

      <section>
        <h3>Stage</h3>
        <p data-testid="inspector-stage">
          <strong>{stage.stage ?? 'none'}</strong>
          {stage.journeyStep ? ` (journey step ${stage.journeyStep})` : ''}: {stage.why}
        </p>
        {live.why !== stage.why && (
          <p data-testid="inspector-stage-now">
            Now: <strong>{live.stage ?? 'none'}</strong>
            {live.journeyStep ? ` (${live.journeyStep})` : ''}: {live.why}
          </p>
        )}
      </section>

      <section>
        <h3>Interests</h3>
        {scores.length === 0 ? (
          <p className="muted">None yet: open an article (3 per tag), click (1); {THRESHOLD} makes an interest.</p>
        ) : (
          <ul className="interests" data-testid="inspector-interests">
            {scores.map(([tag, score]) => (
              <li key={tag} className={score >= THRESHOLD ? 'strong' : ''}>
                <span>{tag}</span>
                <span className="bar">
                  <span style={{ width: `${Math.min(100, score * 10)}%` }} />
                </span>
                <span>{score.toFixed(1)}</span>
              </li>
            ))}
          </ul>
        )}
        <p className="muted">{THRESHOLD} or more is an interest (bold); scores halve every 7 days.</p>
      </section>

      <section>
        <h3>Decisions on this page</h3>
        <p className="muted" data-testid="inspector-segments">
          Your segments: {decisions[0]?.visitorSegments.join(', ') || 'none'}
        </p>
        <ol className="decisions" data-testid="inspector-decisions">
          {decisions.map((d) => (
            <Decision key={d.place} row={d} />
          ))}
        </ol>
      </section>

      <section>
        <h3>Context sent with this page&apos;s reads</h3>
        <pre data-testid="inspector-context">{JSON.stringify(context, null, 1)}</pre>
      </section>

      <section>
        <h3>You, as the site knows you</h3>
        <dl className="facts">
          <dt>Consent</dt>
          <dd data-testid="inspector-consent">{snapshot.consented ? 'yes: a profile in one cookie' : 'no: this page only, nothing kept'}</dd>
          <dt>Visitor id</dt>
          <dd>{profile.visitorId ?? 'none'}</dd>
          <dt>Visits</dt>
          <dd data-testid="inspector-visits">{profile.visits}</dd>
          <dt>Since</dt>
          <dd>
            {time(profile.firstSeen)}, landed on {profile.landingPage ?? '?'}
          </dd>
          <dt>From</dt>
          <dd>
            {profile.referrer}
            {profile.utm?.source ? ` (campaign ${profile.utm.source}/${profile.utm.medium ?? '-'})` : ''}, {profile.device ?? '?'},{' '}
            {profile.language ?? '?'}
          </dd>
          <dt>Signed in</dt>
          <dd>{profile.customer ? 'a customer' : profile.identified ? 'a known contact' : 'no'}</dd>
        </dl>
      </section>

      <section>
        <h3>Events sent from this browser</h3>
        {sent.length === 0 ? (
          <p className="muted">{snapshot.consented ? 'None yet (an impression is an entry half visible for a second).' : 'None: no consent.'}</p>
        ) : (
          <ul className="events" data-testid="inspector-events">
            {sent.slice(-8).map((e, i) => (
              <li key={i}>
                {e.type}
                {e.goal ? ` (${e.goal})` : ''} of {e.servedDocumentId.slice(0, 8)}… as {e.segment ?? 'no segment'}/{e.stage ?? 'any stage'}
              </li>
            ))}
          </ul>
        )}
      </section>
    </aside>
  );
}

/** One entry of the page: what was served and why, in a line or two. */
function Decision({ row }: { row: DecisionRow }) {
  const targeted = row.matchedSegment || row.matchedStage;
  return (
    <li data-reason={row.reason} data-arm={row.arm ?? undefined}>
      <div className="decision-head">
        <span className="place">{row.place}</span>
        <span className={`reason reason-${row.reason.toLowerCase()}`}>{row.reason}</span>
      </div>
      <div className="decision-title">{row.title}</div>
      {row.reason !== 'DEFAULT' && (
        <div className="muted">
          {REASON_WORDS[row.reason] ?? row.reason}
          {targeted ? `: segment ${row.matchedSegment ?? 'any'}, stage ${row.matchedStage ?? 'any'}` : ''}
          {row.arm ? `, arm ${row.arm}` : ''}
        </div>
      )}
      {row.error && <div className="muted">served the default because: {row.error}</div>}
      {(row.reason === 'EXPERIMENT' || row.reason === 'HOLDOUT') && (
        <div className="muted small">An experiment decides before targeting, for every visitor with an id: its results per arm are in the admin (Personalization › Analytics).</div>
      )}
    </li>
  );
}
