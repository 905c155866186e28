/**
 * Verbs that report speech, grouped by how freely they introduce a reported clause.
 * "said" takes a bare clause ("she said the plan failed"); "announced" needs "that" or a pronoun subject,
 * because "announced a plan" reports an act, not words.
 */

const words = (text: string): Set<string> => new Set(text.trim().split(/\s+/));

/** Introduce a reported clause with or without "that". */
export const FREE_CLAUSE_VERBS = words(`said says say told tells tell added adds noted notes`);

/** Introduce a reported clause after "that" or a subject pronoun ("warned it could", "insisted that"). */
export const THAT_CLAUSE_VERBS = words(`
  warned warns argued argues insisted insists denied denies stated states claimed claims announced announces explained
  explains emphasized emphasizes emphasised emphasises indicated indicates remarked remarks stressed stresses
  acknowledged acknowledges admitted admits asserted asserts confirmed confirms declared declares maintained maintains
  observed observes predicted predicts promised promises reiterated reiterates replied replies responded responds
  revealed reveals suggested suggests wrote writes tweeted tweets posted testified testifies recalled recalls
  conceded concedes cautioned cautions complained complains alleged alleges contended contends countered counters
  agreed agrees reported reports disclosed discloses assured assures vowed vows pledged pledges boasted boasts
  lamented laments concluded concludes estimated estimates mentioned mentions informed informs reminded reminds
  objected objects protested protests hinted hints signalled signaled signals reckoned reckons affirmed affirms
  clarified clarifies proclaimed proclaims opined opines speculated speculates reasoned reasons charged texted emailed
`);

/** Only attribute a quote ("…,” she continued / asked / laughed). */
export const QUOTE_ONLY_VERBS = words(`
  continued continues asked asks answered answers joked jokes quipped quips recounted recounts mused muses shouted
  shouts yelled yells whispered whispers exclaimed exclaims sighed sighs laughed laughs cried cries snapped snaps
  wondered wonders began begins went goes gushed gushes cheered cheers raved raves marveled marvelled marvels beamed
  fumed scoffed retorted retorts chimed quoted quotes
`);

/** Frame a partial quote but never a reported clause ("called the plan “a fairy tale”"). */
export const MIXED_ONLY_VERBS = words(`
  called calls described describes dubbed dubs labelled labeled labels branded brands termed terms characterized
  characterised hailed hails dismissed dismisses praised praises denounced denounces condemned condemns criticized
  criticised criticizes criticises accused accuses urged urges blasted slammed welcomed
`);

/** Participles that hang a reported clause on the subject of the main clause ("…, noting that he …"). */
export const PARTICIPLE_VERBS = words(`
  saying noting adding arguing warning insisting stressing explaining claiming telling stating emphasizing emphasising
  acknowledging admitting asserting declaring suggesting writing recalling conceding cautioning complaining contending
  indicating remarking reiterating
`);

export const ALL_SPEECH_VERBS = new Set([
  ...FREE_CLAUSE_VERBS, ...THAT_CLAUSE_VERBS, ...QUOTE_ONLY_VERBS, ...MIXED_ONLY_VERBS, ...PARTICIPLE_VERBS,
]);

/** Words that begin a clause: a reported clause without "that" must start with one of these or a name. */
export const CLAUSE_STARTERS = words(`
  he she it they we i you there this that these those the a an his her its their our my your no some all both each
  every most many much several few one two three four five six seven eight nine ten nobody nothing none everyone
  everything someone something anyone anything if whether when what why how who
`);

/** Subject pronouns strong enough to start a clause after any speech verb. */
export const SUBJECT_PRONOUNS = words(`he she it they we i there`);
