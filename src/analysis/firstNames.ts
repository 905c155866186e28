/**
 * A small, general list of common given names from many languages, with the gender they usually carry.
 * It is evidence, not proof: a capitalised pair starting with one of these is likely a person, and the
 * gender is used only when the article itself (pronouns, honorifics) says nothing.
 */

const MALE = `
  aaron abdul abdullah abraham adam adrian ahmad ahmed aidan alan albert alberto alejandro aleksandr alessandro alex
  alexander alexandre alexei alexey alfred ali alistair amir anders andre andrea andreas andrei andrew andy
  angelo anthony antoine anton antonio arnold arthur ashok ayman barack barry ben benjamin bernard bernie bill billy
  bob bobby boris brad bradley brandon brendan brian bruce bruno bryan byron calvin carl carlos cedric charles charlie
  chris christian christoph christopher chuck clarence claude colin connor craig curtis dale damian dan daniel danny
  darren dave david dean denis dennis derek diego dmitry dmitri dominic don donald doug douglas duncan dwayne dylan
  eddie edgar eduardo edward edwin elijah elon emilio emmanuel enrique eric erik ernesto ethan eugene evan fabio
  faisal farid felipe felix fernando filip francesco francis francisco frank franz fred frederick gabriel gareth
  gary gavin geoffrey george georgi gerald gerard gerhard giovanni giuseppe glenn gordon graham greg gregory guillermo
  gustavo hakeem hamid hans harold harry hassan hector helmut henry herbert hiroshi howard hugh hugo hussein ian
  ibrahim igor ivan jack jacob jacques jaime jake james jamal jan jared jason javier jeff jeffrey jeremy jerome jerry
  jesse jim jimmy joachim joe joel johan johannes john johnny jon jonathan jorge jose josef joseph josh joshua juan
  julian julio justin kamal karim karl keith ken kenneth kevin khalid kim kirk klaus kofi kurt kyle lance larry will
  lars lee leo leon leonard leonardo liam lionel lloyd louis luca lucas luis luiz luke malcolm manuel marc marcel marco
  marcus mario mark martin mateo matt matteo matthew maurice max maxim maximilian michael michel miguel mike mikhail
  milan mitch mohamed mohammad mohammed muhammad mustafa nathan neil nelson nicholas nick nicolas nigel nikolai noah
  norman oleg oliver omar oscar otto owen pablo patrick paul pavel pedro pete peter philip philippe phillip pierre
  rafael rahul rajesh ralph ramon randy raphael ray raymond reza ricardo richard rick rob robert roberto rodrigo
  roger roman ron ronald ross roy rudolf rudy russell ryan salman sam samuel sanjay scott sean sebastian sergei
  sergey sergio seth shane shinzo simon stanley stefan stephen steve steven stuart sunil tariq ted terry theo thomas
  tim timothy tobias todd tom tomas tomás tommy tony travis trevor tyler vadim valentin victor viktor vincent vladimir
  vladislav volodymyr walter warren wayne wei william willie wolfgang xavier yannick yasser yevgeny yoshihide yuri
  yusuf zach zachary
`;

const FEMALE = `
  abigail ada adriana agnes aisha alejandra alexandra alice alicia alina alison amanda amber amelia amina amy ana
  anastasia andrea angela angelina angelique anita ann anna anne annette annika antonia april ariana ashley audrey
  barbara beatrice beatriz becky bella beth bethany betty beverly bianca brenda bridget brigitte brittany camila
  carla carmen carol caroline carolyn cassandra catherine cecilia celine charlotte chelsea cheryl chloe christina
  christine cindy claire clara claudia colleen connie cristina cynthia daisy dana daniela danielle deborah debra
  denise diana diane donna doris dorothy edith elena eleanor elisabeth elise eliza elizabeth ella ellen emily emma
  erica erin esther eva evelyn fatima fiona florence frances francesca gabriela gabrielle gail gemma georgia
  geraldine gina giulia gloria grace gwen hannah harriet heather heidi helen helena hélène hilary hillary holly ida
  ilana ingrid irene irina isabel isabella isabelle jacqueline jane janet janice jasmine jeanne jennifer jenny
  jessica jill joan joanna jocelyn josephine joy joyce judith judy julia julie juliet justine karen karin kate
  katherine kathleen kathryn kathy katie katrin kay kelly kim kimberly kristen kristin laura lauren leah
  leila lily linda lisa liz lois lorraine louise lucia lucy lydia madeleine maggie malala margaret margarita margot
  maria marie marina marion marisa marjorie marta martha mary maya megan melania melanie melinda melissa
  mia michaela michelle mila miranda miriam molly monica monique nadia nancy naomi natalia natalie natasha nicole
  nina nora olga olivia pamela patricia paula pauline peggy penelope phyllis rachel rebecca regina renee rita
  roberta rosa rosalind rose rosemary ruth sabrina sally samantha sandra sara sarah serena sharon sheila shirley
  silvia simone sofia sonia sophia sophie stella stephanie susan suzanne svetlana sylvia tamara tanya tatiana teresa
  theresa tina tracy ursula valentina valerie vanessa vera veronica victoria viktoria virginia vivian wendy yasmin
  yolanda yulia yvonne zoe zoë zara
`;

const toMap = (): Map<string, 'male' | 'female'> => {
  const map = new Map<string, 'male' | 'female'>();
  for (const name of MALE.trim().split(/\s+/)) map.set(name, 'male');
  for (const name of FEMALE.trim().split(/\s+/)) {
    // A name on both lists (Andrea, Kim, Jean) carries no gender evidence.
    if (map.has(name)) map.delete(name);
    else map.set(name, 'female');
  }
  return map;
};

const GENDERED = toMap();
const ALL = new Set([...MALE.trim().split(/\s+/), ...FEMALE.trim().split(/\s+/)]);

/** True when the word (any case) is a common given name. */
export function isFirstName(word: string): boolean {
  return ALL.has(word.toLowerCase());
}

/** The gender a given name usually carries, or null when unknown or shared ("Abdul-Sittar" → male). */
export function firstNameGender(word: string): 'male' | 'female' | null {
  const lower = word.toLowerCase();
  const whole = GENDERED.get(lower);
  if (whole || !lower.includes('-')) return whole ?? null;
  const parts = lower.split('-').map((part) => GENDERED.get(part)).filter((gender) => gender !== undefined);
  return parts.length > 0 && parts.every((gender) => gender === parts[0]) ? parts[0]! : null;
}
