/** The bar a preview shows on every page: who the site is shown as, until when, and the way out. */
import { headers } from 'next/headers';
import { PATH_HEADER } from '../lib/names';
import { describeAudience, type Preview } from '../lib/preview';

export async function PreviewBar({ preview }: { preview: Preview }) {
  const here = (await headers()).get(PATH_HEADER) ?? '/';
  const exit = `/api/preview/exit?path=${encodeURIComponent(here)}`;
  const { grant } = preview;
  return (
    <div className="preview-bar" role="status" data-testid="preview-bar">
      {grant ? (
        <span>
          <strong>Preview</strong> as {describeAudience(grant)}
          {grant.servedDocumentId ? ', this entry forced' : ''}
          {grant.drafts ? ', with drafts' : ''} · only in this browser, until {new Date(grant.expiresAt).toLocaleTimeString('en-GB')}
        </span>
      ) : (
        <span>
          <strong>This preview link no longer works:</strong> {preview.problem}
        </span>
      )}
      <a href={exit} data-testid="preview-exit">
        Exit preview
      </a>
    </div>
  );
}
