import { stopRetention } from './bootstrap';
import { stopSchedule } from './optimize/schedule';

export default () => {
  stopRetention();
  stopSchedule();
};
