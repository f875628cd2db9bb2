import { describeEmptyProblemLists } from './empty-problem-lists.js';

describeEmptyProblemLists('omit');
