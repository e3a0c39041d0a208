import * as React from 'react';
import { Badge, Box, Button, Flex, Link, Loader, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { ArrowClockwise } from '@strapi/icons';
import { useNotification } from '@strapi/strapi/admin';
import { NavLink } from 'react-router-dom';
import type { AlertRecord } from '../../../../shared/contracts/admin';
import { useApi, useRequest } from '../../api';
import { useT } from '../../hooks/useT';
import { useOptedInTypes } from '../../store';
import { errorMessage } from '../../utils/errors';
import { alertKindLabels } from '../../utils/labels';
import { editViewPath } from '../../utils/links';

type Status = 'open' | 'resolved' | 'all';

/**
 * The alerts: what went wrong, where, since when, with links to the entry. They are checked every
 * 15 minutes with the bandits (and now, on request); each opens once per cause, resolves by itself
 * when its cause goes away, and is sent to the webhooks subscribed to `personalize.alert.opened`.
 */
export function AlertsTab() {
  const t = useT();
  const api = useApi();
  const { toggleNotification } = useNotification();
  const [status, setStatus] = React.useState<Status>('open');
  const [checking, setChecking] = React.useState(false);
  const { data, error, loading, reload } = useRequest(() => api.alerts(status), [api, status]);

  const check = async () => {
    setChecking(true);
    try {
      const result = await api.checkAlerts();
      toggleNotification({
        type: 'success',
        message: t('alerts.checked', 'Checked: {opened} opened, {resolved} resolved, {open} open', result),
      });
      reload();
    } catch (failure) {
      toggleNotification({ type: 'danger', message: errorMessage(failure) });
    } finally {
      setChecking(false);
    }
  };

  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Flex justifyContent="space-between" alignItems="flex-end" gap={4} wrap="wrap">
        <Box maxWidth="240px">
          <SingleSelect aria-label={t('alerts.status', 'Alerts to show')} value={status} onChange={(value: string | number) => setStatus(value as Status)}>
            <SingleSelectOption value="open">{t('alerts.status.open', 'Open')}</SingleSelectOption>
            <SingleSelectOption value="resolved">{t('alerts.status.resolved', 'Resolved')}</SingleSelectOption>
            <SingleSelectOption value="all">{t('alerts.status.all', 'All')}</SingleSelectOption>
          </SingleSelect>
        </Box>
        <Button variant="secondary" startIcon={<ArrowClockwise />} loading={checking} onClick={check}>
          {t('alerts.check', 'Check now')}
        </Button>
      </Flex>
      {loading && data === undefined ? <Loader>{t('alerts.loading', 'Loading alerts…')}</Loader> : null}
      {error !== undefined ? <Typography textColor="danger600">{errorMessage(error)}</Typography> : null}
      {data !== undefined && data.length === 0 ? (
        <Typography textColor="neutral600" data-testid="alerts-empty">
          {status === 'resolved' ? t('alerts.noneResolved', 'No resolved alert.') : t('alerts.none', 'No open alert: nothing needs you right now.')}
        </Typography>
      ) : null}
      {data?.map((alert) => <AlertItem key={alert.id} alert={alert} />)}
    </Flex>
  );
}

/** One alert: its kind, its sentence, where and since when, and where to look. */
function AlertItem({ alert }: { alert: AlertRecord }) {
  const t = useT();
  const { types } = useOptedInTypes();
  const { where } = alert;
  const type = types?.find((candidate) => candidate.uid === where.contentType);
  const entry = where.contentType && (where.servedDocumentId ?? where.documentId);
  const edit = entry && where.contentType ? editViewPath(type, where.contentType, entry, where.locale) : null;
  const open = alert.resolvedAt === null;
  const place = [
    type?.displayName ?? where.contentType,
    where.experiment ? t('alerts.where.experiment', 'experiment {name}', { name: where.experiment.name }) : null,
    where.arm ? t('alerts.where.arm', 'arm {arm}', { arm: where.arm }) : null,
    where.segment ? t('alerts.where.segment', 'segment {segment}', { segment: where.segment }) : null,
  ].filter(Boolean);

  return (
    <Box background="neutral0" padding={5} hasRadius shadow="tableShadow" data-testid="alert" data-kind={alert.kind} data-open={open ? 'true' : 'false'}>
      <Flex direction="column" alignItems="stretch" gap={2}>
        <Flex gap={2} wrap="wrap">
          <Badge backgroundColor={open ? 'danger100' : 'neutral150'} textColor={open ? 'danger700' : 'neutral700'}>
            {open ? t('alerts.open', 'Open') : t('alerts.resolved', 'Resolved')}
          </Badge>
          <Typography tag="h3" variant="delta">{alertKindLabels(t)[alert.kind]}</Typography>
        </Flex>
        <Typography>{alert.message}</Typography>
        <Typography variant="pi" textColor="neutral600">
          {open
            ? t('alerts.since', 'Since {at}, last seen {seen}', { at: new Date(alert.openedAt).toLocaleString(), seen: new Date(alert.lastSeenAt).toLocaleString() })
            : t('alerts.between', 'From {at} to {resolved}', { at: new Date(alert.openedAt).toLocaleString(), resolved: new Date(alert.resolvedAt as string).toLocaleString() })}
          {place.length > 0 ? ` · ${place.join(' · ')}` : ''}
        </Typography>
        <Flex gap={4} wrap="wrap">
          <Link tag={NavLink} to={alert.link}>{t('alerts.look', 'Look into it')}</Link>
          {edit !== null && edit !== alert.link ? <Link tag={NavLink} to={edit}>{t('alerts.openEntry', 'Open the entry')}</Link> : null}
        </Flex>
      </Flex>
    </Box>
  );
}
