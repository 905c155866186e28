// Property tests shrink failures; with long generated texts that can take minutes, so bound it.
import fc from 'fast-check';

fc.configureGlobal({ interruptAfterTimeLimit: 20_000, markInterruptAsFailure: true, numRuns: 100 });
