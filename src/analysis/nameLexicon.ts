/**
 * Word lists that tell a person's name apart from the other capitalised words of news copy.
 * All entries are lowercase; callers lowercase (and strip a trailing full stop) before looking up.
 * The lists are general English news vocabulary, not tuned to any article.
 */

const words = (text: string): Set<string> => new Set(text.trim().split(/\s+/));

/** Capitalised words that open sentences or clauses but never start a name. */
export const NOT_NAME_WORDS = words(`
  a an the this that these those there here it its he she they we i you his her their our my your him them us me
  and or but nor so yet for if then than when while where whereas whether because since although though unless until
  after before during despite however meanwhile moreover furthermore nevertheless nonetheless instead still also even
  as at by from in into of off on onto out over through to under up upon with within without about above across against
  along among around behind below beneath beside besides between beyond down near past toward towards via per
  all any both each every few many most much no none not nothing some such several other another one two three four
  five six seven eight nine ten first second third last next former late early more less only just
  yes yeah oh ok okay please thanks thank well now today tonight yesterday tomorrow recently currently initially
  sometimes often later earlier soon once twice again already always never perhaps eventually ultimately fortunately
  unfortunately luckily similarly additionally consequently importantly interestingly surprisingly ironically hopefully
  honestly frankly basically essentially generally usually typically normally previously particularly naturally
  immediately quickly slowly suddenly nearly roughly approximately mostly largely partly instead otherwise
  finally eventually overall indeed perhaps maybe certainly clearly obviously apparently reportedly allegedly
  according asked speaking told said says like unlike including especially particularly notably given following
  what who whom whose which why how whatever whoever wherever whenever
  is are was were be been being am do does did done have has had having can could will would shall should may might must
  let lets get got make made take took see saw say go went come came look looked
  monday tuesday wednesday thursday friday saturday sunday
  january february march april may june july august september october november december
  jan feb mar apr jun jul aug sep sept oct nov dec
  christmas easter ramadan eid thanksgiving halloween
  god allah jesus christ
  read watch photo photos video videos source sources update updated editor note related top follow
`);

/** Capitalised words that are never a name's first word, even mid-sentence (months, days, "I"). */
export const CALENDAR_WORDS = words(`
  i monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
  september october november december jan feb mar apr jun jul aug sep sept oct nov dec christmas easter ramadan eid
  thanksgiving halloween god allah
`);

/** Titles written capitalised before a name, inside the name's run ("President", "Energy Secretary", "Dr."). */
export const TITLE_WORDS = words(`
  president vice prime minister secretary senator sen representative rep congressman congresswoman congressmember
  councilman councilwoman councillor councilor alderman assemblyman assemblywoman delegate
  governor gov lieutenant lt mayor chancellor premier king queen prince princess emperor empress pope cardinal
  archbishop bishop rabbi imam pastor reverend rev father sheikh sheik emir sultan ayatollah crown shah commodore
  brig brigadier mullah judge justice magistrate prosecutor attorney general gen admiral adm colonel col major maj
  captain capt sergeant sgt corporal cpl private pvt commander cmdr marshal officer detective det inspector insp
  chief sheriff deputy director chairman chairwoman chair chairperson ceo cfo coo cto executive commissioner
  ambassador amb envoy speaker leader spokesman spokeswoman spokesperson coach manager professor prof dr doctor
  mr mrs ms miss mx sir dame lord lady baroness baron count countess duke duchess earl dean provost superintendent
  supt trooper constable agent treasurer clerk administrator secretary-general undersecretary forecaster
`);

/**
 * Occupations and relations written lowercase before a name ("negotiator Vladimir Medinsky", "his wife Ingrid").
 * Capitalised, they count as a title only at the start of a sentence ("Striker Kwame Mensah scored").
 */
export const ROLE_NOUNS = words(`
  correspondent legislator lawmaker negotiator striker defender midfielder goalkeeper forward quarterback pitcher player student
  teacher nurse surgeon physician lawyer analyst economist researcher scientist author writer novelist poet actor
  actress singer rapper musician percussionist drummer guitarist producer filmmaker artist designer architect chef
  farmer official diplomat aide adviser advisor strategist commentator expert historian lecturer soldier veteran
  activist campaigner candidate meteorologist entrepreneur businessman businesswoman billionaire investor comedian
  presenter anchor host journalist reporter editor columnist photographer pilot astronaut engineer consultant
  psychologist psychiatrist therapist pharmacist dentist priest monk nun principal warden referee umpire champion
  athlete sprinter swimmer boxer fighter cyclist golfer skier jockey dancer model fellow supporter rival opponent
  challenger ally widow widower survivor resident neighbor neighbour witness mother father son daughter wife husband
  sister brother grandmother grandfather uncle aunt cousin fiancé fiancee girlfriend boyfriend partner colleague
  friend founder head minder advocate organizer organiser coordinator volunteer owner worker trader banker pollster
  planner curator rider racer teammate critic reviewer conductor composer playwright screenwriter broadcaster climber mountaineer guide
`);

/** Honorifics that also tell gender. */
export const HONORIFIC_GENDER: ReadonlyMap<string, 'male' | 'female'> = new Map([
  ['mr', 'male'], ['mrs', 'female'], ['ms', 'female'], ['miss', 'female'], ['sir', 'male'], ['dame', 'female'],
  ['lord', 'male'], ['lady', 'female'], ['king', 'male'], ['queen', 'female'], ['prince', 'male'], ['princess', 'female'],
  ['father', 'male'], ['sister', 'female'], ['brother', 'male'], ['mother', 'female'], ['duke', 'male'], ['duchess', 'female'],
  ['baron', 'male'], ['baroness', 'female'], ['count', 'male'], ['countess', 'female'], ['emperor', 'male'], ['empress', 'female'],
  ['sheikh', 'male'], ['sultan', 'male'], ['emir', 'male'], ['congressman', 'male'], ['congresswoman', 'female'],
  ['councilman', 'male'], ['councilwoman', 'female'], ['chairman', 'male'], ['chairwoman', 'female'],
  ['spokesman', 'male'], ['spokeswoman', 'female'], ['businessman', 'male'], ['businesswoman', 'female'],
  ['actor', 'male'], ['actress', 'female'], ['assemblyman', 'male'], ['assemblywoman', 'female'],
  ['son', 'male'], ['daughter', 'female'], ['wife', 'female'], ['husband', 'male'], ['widow', 'female'], ['widower', 'male'],
  ['grandmother', 'female'], ['grandfather', 'male'], ['uncle', 'male'], ['aunt', 'female'], ['girlfriend', 'female'], ['boyfriend', 'male'],
]);

/**
 * Words that make a capitalised run an organisation, place, event or thing rather than a person
 * ("White House", "European Union", "Harbour City", "Eastline Power").
 */
export const NON_PERSON_WORDS = words(`
  union states state kingdom republic federation emirates nations house senate congress parliament assembly council
  committee commission ministry department agency office bureau authority board administration government court
  tribunal party front alliance coalition movement organization organisation association society institute institution
  foundation fund trust bank exchange reserve market markets company corporation corp inc ltd llc plc co group holdings
  partners capital ventures industries industry airlines airways motors systems technologies technology tech labs
  pharmaceuticals pharma energy power electric gas oil petroleum mining steel semiconductor semiconductors software
  network networks media press news times post journal herald tribune gazette telegraph guardian review magazine
  radio tv television channel broadcasting studios pictures records entertainment games sports
  university college school academy hospital clinic center centre museum library gallery theatre theater church
  cathedral mosque temple synagogue palace castle tower bridge airport station port harbour harbor street avenue road
  boulevard square park garden gardens lane drive highway freeway city county town village district province region
  territory island islands peninsula coast valley mountain mountains mount hills river sea ocean lake bay gulf strait
  canal desert forest beach falls northern southern eastern western central
  army navy force forces guard guards police military command corps brigade battalion regiment militia
  day week month year war wars revolution crisis summit conference festival awards award prize cup league championship
  championships olympics tournament series open grand final finals derby
  democrat democrats democratic republican republicans gop tory tories
  act bill treaty accord agreement pact plan program programme project initiative mission campaign
  service services security intelligence health care medicare medicaid
  club team united fc rovers wanderers athletic
  street-level online digital global international national federal regional local royal enforcement
  arabia leone zealand lanka rica guinea herzegovina kong emirates faso qaeda shabaab hezbollah affairs branch planet
  muslim muslims jewish jew jews sunni sunnis shiite shiites shia catholic protestant hindu sikh buddhist kurdish kurd
  kurds arab arabs american americans british canadian chinese japanese korean indian pakistani afghan iraqi iranian
  syrian israeli israelis palestinian palestinians lebanese egyptian libyan saudi turkish russian ukrainian german
  french italian spanish mexican brazilian argentine colombian venezuelan cuban nigerian kenyan ethiopian somali
  european african asian australian irish scottish welsh english dutch swedish norwegian danish polish greek
  airlines express mail wire daily weekly monthly
  road show album film movie book novel song schools obamacare
`);

/** Countries and regions: never the last word of a person's name ("Paris France", "Atlantic Canada", "Poland"). */
export const COUNTRY_WORDS = words(`
  afghanistan albania algeria argentina armenia australia austria azerbaijan bahrain bangladesh belarus belgium bolivia
  bosnia brazil britain bulgaria cambodia cameroon canada chile china colombia congo croatia cuba cyprus czechia denmark
  ecuador egypt england eritrea estonia ethiopia finland france gaza georgia germany ghana greece guatemala haiti
  honduras hungary iceland india indonesia iran iraq ireland israel italy jamaica japan kazakhstan kenya korea kosovo
  kuwait laos latvia lebanon liberia libya lithuania malaysia mali mexico moldova mongolia morocco mozambique myanmar
  nepal netherlands nicaragua niger nigeria norway oman pakistan panama paraguay peru philippines poland portugal qatar
  romania russia rwanda scotland senegal serbia singapore slovakia slovenia somalia spain sudan sweden switzerland syria
  taiwan tajikistan tanzania thailand tunisia turkey uganda ukraine uruguay uzbekistan venezuela vietnam wales yemen
  zambia zimbabwe europe africa asia
`);

/** Leading words of place names ("New York", "San Francisco", "Port Said"). */
export const PLACE_PREFIXES = words(`
  new san santa los las el la le saint st fort port mount lake cape upper lower great little north south east west
  northern southern eastern western central
`);

/** Non-person words that are also common surnames: a run "First-name + word" may still be a person ("Samantha Power"). */
export const SURNAME_LIKE_NON_PERSON_WORDS = words(`power post park lane church bay castle street wood hall king bridge tower temple
  house guard chase rich young day brooks banks hill field fields ford forest london paris chancellor rivers`);

/** Lowercase name particles allowed inside a name ("Marieke de Vries", "Ludwig van Beethoven"). */
export const NAME_PARTICLES = words(`de da das dos du del della di van von der den ter ten la le bin ibn al el y`);

/** Nouns that make the subject of a speech verb an organisation ("the ministry said"). */
export const ORGANIZATION_NOUNS = words(`
  ministry department agency office bureau authority board administration government court council committee commission
  company firm corporation group bank union party police army military navy embassy consulate kremlin cabinet
  campaign team club university school hospital society institute foundation association organization organisation
  service utility operator airline regulator watchdog network newspaper paper broadcaster channel station magazine
  report statement filing study survey poll document letter website site spokesperson
`);

/** Plural or generic nouns that never name one person ("officials said", "analysts cautioned"). */
export const GENERIC_SPEAKER_NOUNS = words(`
  officials analysts experts sources residents witnesses critics observers supporters opponents economists scientists
  researchers doctors police people officers lawyers investigators authorities leaders diplomats protesters
  organizers organisers activists members voters students teachers parents workers employees fans
  prosecutors lawmakers legislators senators judges medics rescuers firefighters troops soldiers militants rebels
  insurgents villagers survivors relatives families citizens demonstrators passengers
`);

/** Nationality adjectives that may precede a title ("Russian President ..."), mapped to a country stem. */
export const DEMONYM_PATTERN = /^(?:[\p{Lu}][\p{Ll}]+(?:ian|ean|an|ese|ish|ic|i|ch|ss|sh)|u\.?s\.?|u\.?k\.?|e\.?u\.?|u\.?n\.?)$/iu;

/** Head nouns for leaders: "the Russian leader" may refer to a person titled president, prime minister... */
export const LEADER_TITLES = words(`president prime minister premier chancellor king queen leader head emperor sultan emir monarch`);

/** Gendered common nouns used as role references ("the congresswoman", "the actress"). */
export function genderOfRoleWord(word: string): 'male' | 'female' | null {
  return HONORIFIC_GENDER.get(word.toLowerCase().replace(/\.$/, '')) ?? null;
}

/** Cities and places that open a news dateline, glued to the first name in some corpora ("Los Angeles Nadya Suleman"). */
export const DATELINE_PLACES = new Set(`
  washington|new york|los angeles|london|paris|rome|berlin|moscow|beijing|tokyo|hong kong|atlanta|chicago|miami|houston|
  dallas|boston|seattle|denver|phoenix|detroit|san francisco|san diego|las vegas|new orleans|philadelphia|baghdad|kabul|
  cairo|jerusalem|tehran|damascus|beirut|istanbul|ankara|kiev|kyiv|madrid|lisbon|brussels|geneva|vienna|athens|
  mumbai|new delhi|islamabad|seoul|sydney|toronto|ottawa|mexico city|havana|caracas|nairobi|johannesburg|lagos|
  dubai|doha|riyadh|tripoli|hollywood|orlando|tampa|nashville|maine|texas|florida|california|ohio|virginia|georgia
`.split('|').map((place) => place.trim()).filter((place) => place !== ''));

/** A role its holder no longer has ("former president", "ex-minister"): people.ts writes it, speakers.ts reads it. */
export const FORMER_ROLE = /^(?:former|ex-?)\s*\S/;
