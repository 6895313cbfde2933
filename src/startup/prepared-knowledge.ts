import type { PreparedReadings } from '../answer/answering-tools.js';
import { knowledgeWords } from '../answer/knowledge-words.js';
import type { KnowledgeBase } from '../domain/types.js';
import { indexPostings, type IndexPostings } from '../retrieval/search-index.js';
import type { Analyzer } from '../text/analyzer.js';
import { recordingReader, replayingReader } from './recorded-readings.js';
import type { BuiltArtifacts } from './startup-artifacts.js';

/** What building the services takes from start-up's artifacts, and what it gives back to keep. */
export type PreparedKnowledge = {
  postings: IndexPostings;
  readings: PreparedReadings;
  /**
   * Called once the services are built: the artifacts recorded (when asked to record), undefined
   * otherwise. After a replay it checks that every recorded reading was used (`ReplayMismatch`).
   */
  finish(): BuiltArtifacts | undefined;
};

/**
 * The index postings and the answering tools' readings: from `artifacts` kept before for this very
 * knowledge; otherwise worked out now, and recorded as well when `record` (to be kept).
 */
export function prepareKnowledge(knowledge: KnowledgeBase, analyzer: Analyzer, { artifacts, record = false }: { artifacts?: BuiltArtifacts; record?: boolean }): PreparedKnowledge {
  if (artifacts) {
    const replay = replayingReader(artifacts.readings);
    return {
      postings: artifacts.postings,
      readings: { words: artifacts.words, reader: () => replay.reader },
      finish() {
        replay.finish();
        return undefined;
      },
    };
  }
  const postings = indexPostings(knowledge, analyzer);
  if (!record) return { postings, readings: {}, finish: () => undefined };
  const words = knowledgeWords(knowledge);
  let recorded: (() => BuiltArtifacts['readings']) | undefined;
  return {
    postings,
    readings: {
      words,
      reader(live) {
        const recording = recordingReader(live());
        recorded = recording.recorded;
        return recording.reader;
      },
    },
    finish: () => (recorded ? { words, postings, readings: recorded() } : undefined),
  };
}
