import experimentSchema from './experiment/schema.json';
import segmentSchema from './segment/schema.json';
import tagSchema from './tag/schema.json';

export default {
  experiment: { schema: experimentSchema },
  segment: { schema: segmentSchema },
  tag: { schema: tagSchema },
};
