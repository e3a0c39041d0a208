import { stopRetention } from './bootstrap';

export default () => {
  stopRetention();
};
