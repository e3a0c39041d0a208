import { useApi, useRequest } from '../api';
import { isForbidden } from '../utils/errors';

export interface SegmentOption {
  slug: string;
  name: string;
}

/**
 * The segments to pick from: the plugin's list (Manage segments), else the Content Manager's
 * (for editors allowed to read segments there). `unavailable` when the user may read neither.
 */
export function useSegmentOptions(enabled = true): { options?: SegmentOption[]; loading: boolean; unavailable: boolean } {
  const api = useApi();
  const request = useRequest<SegmentOption[]>(
    enabled
      ? async () => {
          try {
            return (await api.segments()).map(({ slug, name }) => ({ slug, name }));
          } catch (error) {
            if (!isForbidden(error)) throw error;
            return api.segmentsFromContentManager();
          }
        }
      : null,
    [api, enabled]
  );
  return { options: request.data, loading: request.loading, unavailable: request.error !== undefined };
}
