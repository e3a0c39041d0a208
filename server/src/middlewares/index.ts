import { eventsGuard } from './events-guard';

export default {
  'events-guard': eventsGuard,
};
