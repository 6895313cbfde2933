import type { SynonymGroup } from '../../src/domain/types.js';
import { createAnalyzer, type Analyzer } from '../../src/text/analyzer.js';

// The synonyms the reply corpus relies on, fixed here so the tests do not move with knowledge/.
export const TEST_SYNONYMS: SynonymGroup[] = [
  ['bone-modifying agent', 'bone-modifying agents', 'bone modifying agent', 'bma', 'bmas'],
  ['zoledronic acid', 'zoledronate', 'zometa'],
  ['denosumab', 'xgeva'],
  ['skeletal-related event', 'skeletal-related events', 'skeletal related event', 'skeletal related events', 'sre', 'sres'],
  ['metastatic spinal cord compression', 'spinal cord compression', 'mscc'],
  ['osteonecrosis of the jaw', 'onj', 'jaw osteonecrosis'],
  ['hormone receptor-positive', 'hr+', 'hr-positive'],
  ['her2-negative', 'her2-'],
  ['her2-positive', 'her2+'],
  ['creatinine clearance', 'crcl'],
  ['intravenously', 'intravenous', 'iv', 'into a vein', 'through a drip'],
  ['subcutaneously', 'subcutaneous', 'under the skin'],
  ['hypocalcemia', 'hypocalcaemia', 'low calcium', 'low blood calcium'],
  ['hypercalcemia', 'hypercalcaemia', 'high calcium'],
  ['stereotactic body radiotherapy', 'sbrt'],
  ['radiotherapy', 'radiation therapy', 'radiation'],
  ['cdk4/6 inhibitor', 'cdk4/6 inhibitors', 'cdk4/6i'],
  ['trastuzumab deruxtecan', 't-dxd'],
  ['ovarian function suppression', 'ofs'],
  ['magnetic resonance imaging', 'mri'],
  ['pamidronate', 'aredia'],
];

export function testAnalyzer(): Analyzer {
  return createAnalyzer(TEST_SYNONYMS);
}
