import segmentSchema from './segment/schema.json';
import tagSchema from './tag/schema.json';

export default {
  segment: { schema: segmentSchema },
  tag: { schema: tagSchema },
};
