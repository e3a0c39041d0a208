/** The admin API of the plugin (shared/admin.ts): one typed function per route, and a request hook. */
import * as React from 'react';
import { useFetchClient, type FetchClient } from '@strapi/strapi/admin';
import type {
  AnalyticsOverviewResponse,
  ContentTypesResponse,
  CoverageResponse,
  CreateVariantRequest,
  CreateVariantResponse,
  AlertCheckResponse,
  AlertsResponse,
  AllocationsResponse,
  ControlResponse,
  EntryAnalyticsResponse,
  ExperimentOptimize,
  ExperimentRecord,
  ExperimentsResponse,
  GapEntriesResponse,
  PreviewRequest,
  PreviewResponse,
  PreviewSiteResponse,
  PreviewTokenRequest,
  PreviewTokenResponse,
  SegmentInput,
  SegmentRecord,
  SegmentsResponse,
  TestRuleRequest,
  TestRuleResponse,
  UpdateWebhookRequest,
  UpdateWebhookResponse,
  VariantsResponse,
  WatchListResponse,
  WebhooksResponse,
} from '../../shared/contracts/admin';
import type { PersonalizationSettings } from '../../shared/contracts/settings';
import type { Stage } from '../../plugin/stages';
import { query } from './utils/links';

export interface Locale {
  code: string;
  name: string;
  isDefault: boolean;
}

/** POST /personalize/experiments (PUT takes any part of it, and the version). */
export type ExperimentInput = Omit<ExperimentRecord, 'documentId' | 'version' | 'locale' | 'optimize' | 'ended' | 'createdAt'> & {
  locale?: string | null;
  optimize?: Partial<ExperimentOptimize> | null;
};
type Day = string | null | undefined;
export type ExperimentControl = 'pin' | 'unpin' | 'pause' | 'resume' | 'stop' | 'promote' | 'allocate';
const experimentPath = (documentId: string) => `/personalize/experiments/${encodeURIComponent(documentId)}`;

const SEGMENT_UID = 'plugin::personalize.segment';

export const makeApi = ({ get, post, put, del }: FetchClient) => ({
  contentTypes: async () => (await get<ContentTypesResponse>('/personalize/content-types')).data.data,
  coverage: async (contentType: string, locale?: string | null) =>
    (await get<CoverageResponse>(`/personalize/coverage?${query({ contentType, locale })}`)).data.data,
  coverageCsv: async (contentType: string, locale?: string | null) =>
    (await get(`/personalize/coverage?${query({ contentType, locale, format: 'csv' })}`, { responseType: 'blob' })).data,
  gaps: async (contentType: string, segment: string, stage: Stage, locale?: string | null) =>
    (await get<GapEntriesResponse>(`/personalize/coverage/gaps?${query({ contentType, segment, stage, locale })}`)).data.data,
  watchList: async () => (await get<WatchListResponse>('/personalize/watch-list')).data.data,
  preview: async (body: PreviewRequest) => (await post<PreviewResponse>('/personalize/preview', body)).data.data,
  previewToken: async (body: PreviewTokenRequest) => (await post<PreviewTokenResponse>('/personalize/preview/token', body)).data.data,
  previewSite: async () => (await get<PreviewSiteResponse>('/personalize/preview/site')).data.data,
  variants: async (contentType: string, documentId: string, locale?: string | null) =>
    (await get<VariantsResponse>(`/personalize/variants?${query({ contentType, documentId, locale })}`)).data.data,
  createVariant: async (body: CreateVariantRequest) =>
    (await post<CreateVariantResponse>('/personalize/variants', body)).data.data,
  roles: async (contentType: string) =>
    (await get<{ data: Record<string, string | null> }>(`/personalize/roles?${query({ contentType })}`)).data.data,
  segments: async () => (await get<SegmentsResponse>('/personalize/segments')).data.data,
  createSegment: async (body: SegmentInput) =>
    (await post<{ data: SegmentRecord }>('/personalize/segments', body)).data.data,
  updateSegment: async (documentId: string, body: SegmentInput) =>
    (await put<{ data: SegmentRecord }>(`/personalize/segments/${encodeURIComponent(documentId)}`, body)).data.data,
  deleteSegment: async (documentId: string) => {
    await del(`/personalize/segments/${encodeURIComponent(documentId)}`);
  },
  testRule: async (body: TestRuleRequest) => (await post<TestRuleResponse>('/personalize/segments/test-rule', body)).data.data,
  settings: async () => (await get<{ data: PersonalizationSettings }>('/personalize/settings')).data.data,
  updateSettings: async (body: Partial<PersonalizationSettings>) =>
    (await put<{ data: PersonalizationSettings }>('/personalize/settings', body)).data.data,
  webhooks: async () => (await get<WebhooksResponse>('/personalize/webhooks')).data.data,
  updateWebhook: async (id: string, body: UpdateWebhookRequest) =>
    (await put<UpdateWebhookResponse>(`/personalize/webhooks/${encodeURIComponent(id)}`, body)).data.data,
  analyticsOverview: async (from?: Day, to?: Day) =>
    (await get<AnalyticsOverviewResponse>(`/personalize/analytics/overview?${query({ from, to })}`)).data.data,
  entryAnalytics: async (contentType: string, documentId: string, from?: Day, to?: Day) =>
    (await get<EntryAnalyticsResponse>(`/personalize/analytics?${query({ contentType, documentId, from, to })}`)).data.data,
  experiments: async (contentType: string, baseDocumentId: string) =>
    (await get<ExperimentsResponse>(`/personalize/experiments?${query({ contentType, baseDocumentId })}`)).data.data,
  createExperiment: async (body: ExperimentInput) =>
    (await post<{ data: ExperimentRecord }>('/personalize/experiments', body)).data.data,
  updateExperiment: async (documentId: string, body: Partial<ExperimentInput> & { version?: number }) =>
    (await put<{ data: ExperimentRecord }>(experimentPath(documentId), body)).data.data,
  deleteExperiment: async (documentId: string) => {
    await del(experimentPath(documentId));
  },
  /** pin ({ arm, share }), unpin, pause, resume, stop ({ reason }), promote ({ arm, reason }), allocate. */
  controlExperiment: async (documentId: string, control: ExperimentControl, body: Record<string, unknown> = {}) =>
    (await post<ControlResponse>(`${experimentPath(documentId)}/${control}`, body)).data.data,
  allocations: async (documentId: string) => (await get<AllocationsResponse>(`${experimentPath(documentId)}/allocations`)).data.data,
  alerts: async (status: 'open' | 'resolved' | 'all') => (await get<AlertsResponse>(`/personalize/alerts?${query({ status })}`)).data.data,
  checkAlerts: async () => (await post<AlertCheckResponse>('/personalize/alerts/check', {})).data.data,
  /** The i18n plugin's locales (answered as a bare list). */
  locales: async (): Promise<Locale[]> => {
    const { data } = await get<Locale[] | { data: Locale[] }>('/i18n/locales');
    return Array.isArray(data) ? data : (data?.data ?? []);
  },
  /**
   * The segments as the Content Manager lists them (name and slug): for editors without the
   * plugin's "Manage segments" permission who may read segments in the Content Manager.
   */
  segmentsFromContentManager: async (): Promise<Array<{ slug: string; name: string }>> => {
    const { data } = await get<{ results?: Array<{ slug: string; name: string }> }>(
      `/content-manager/collection-types/${SEGMENT_UID}?page=1&pageSize=100&sort=name:ASC`
    );
    return (data.results ?? []).map(({ slug, name }) => ({ slug, name }));
  },
});

export type Api = ReturnType<typeof makeApi>;

/** The API bound to the component's fetch client (requests are aborted when it unmounts). */
export function useApi(): Api {
  const client = useFetchClient();
  return React.useMemo(() => makeApi(client), [client]);
}

export interface Request<T> {
  data?: T;
  error?: unknown;
  loading: boolean;
  reload: () => void;
}

/** Runs `load` when its deps change (not at all when it is null); the latest answer wins. */
export function useRequest<T>(load: (() => Promise<T>) | null, deps: React.DependencyList): Request<T> {
  const [state, setState] = React.useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: load !== null });
  const [tick, setTick] = React.useState(0);
  React.useEffect(() => {
    if (load === null) {
      setState({ loading: false });
      return;
    }
    let current = true;
    setState((previous) => ({ data: previous.data, loading: true }));
    load().then(
      (data) => current && setState({ data, loading: false }),
      (error) => current && setState({ error, loading: false })
    );
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  const reload = React.useCallback(() => setTick((n) => n + 1), []);
  return { ...state, reload };
}
