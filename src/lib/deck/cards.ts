import type { Card, CategoryId, Depth } from './types';

/**
 * Hearth's built-in question cards. Original content written for Hearth.
 *
 * Rules for every card:
 * - open-ended (what / how / why / which / when / tell me…), never yes/no, never quiz-like;
 * - about feelings and reasons rather than facts; the optional followUp moves from the fact to its meaning;
 * - ids are stable forever (history refers to them): never rename or reuse one, only add new ones.
 *   A card reworded keeps its id when it asks the same thing more kindly; a card split in two keeps
 *   its id for one half and the other half gets a new id (events keep a copy of the text they used);
 * - one question at a time: a second question goes in the followUp, or becomes a card of its own,
 *   so the answer is easier to reflect back;
 * - invite, never ambush: a card that touches a hurt between the two is worded as an invitation,
 *   and when it still needs a face-to-face moment it is marked `liveOnly` (with the reason).
 */
type Entry = Omit<Card, 'category' | 'depth'>;

function section(category: CategoryId, depth: Depth, entries: Entry[]): Card[] {
	return entries.map((entry) => ({ ...entry, category, depth }));
}

export const BUILT_IN_CARDS: readonly Card[] = [
	// ───────────────────────────── Day to day ─────────────────────────────
	...section('day-to-day', 'light', [
		{
			id: 'day-small-smile',
			text: 'What small thing made you smile today, and why that one?',
			followUp: 'What does that tell you about what you could use more of?'
		},
		{
			id: 'day-energy',
			text: 'Which part of your day gave you the most energy, and which part drained it?',
			followUp: 'What would help you get a little more of the first?'
		},
		{
			id: 'day-small-win',
			text: "What's a small win from today that nobody else noticed?",
			followUp: 'What made it feel like a win to you?'
		},
		{
			id: 'day-favourite-hour',
			text: 'Which hour of an ordinary day feels most like yours, and why?'
		},
		{
			id: 'day-tiny-ritual',
			text: 'What tiny daily ritual keeps you steady, and how did it start?',
			followUp: 'How would your day feel without it?'
		},
		{
			id: 'day-stuck-with-me',
			text: 'What did you hear, read or see this week that stuck with you, and why do you think it did?'
		}
	]),
	...section('day-to-day', 'personal', [
		{
			id: 'day-head-space',
			text: 'What has been taking up the most space in your head lately?',
			followUp: 'How would it feel to set some of it down with me?'
		},
		{
			id: 'day-how-days-feel',
			text: 'How do you feel about the way you spend most of your days right now?',
			followUp: 'What would you change first, and what would that give you?'
		},
		{
			id: 'day-unseen-effort',
			text: 'What effort of yours lately do you wish someone had noticed?',
			followUp: 'What would it have meant to you to have it noticed?'
		},
		{
			id: 'day-recharge',
			text: 'When you feel worn down, what actually helps you recharge, and what only looks like it should?'
		},
		{
			id: 'day-harder-than-shown',
			text: 'Which moment this week was harder than you let on?',
			followUp: 'What did you need in that moment?'
		},
		{
			id: 'day-home-feel',
			text: 'How does our home feel to you at the end of a long day?',
			followUp: 'What would make it feel more like a place to land?'
		},
		{
			id: 'day-routine-change',
			text: 'Which part of our daily routine would you love to change, and what would that change give you?'
		}
	]),
	...section('day-to-day', 'vulnerable', [
		{
			id: 'day-carrying-alone',
			text: "What is something you've been carrying alone lately that you'd like me to help hold?",
			followUp: 'What kind of help would actually feel like help?'
		},
		{
			id: 'day-said-fine',
			text: "When you say you're fine and you're not quite, what makes it hard to say more?",
			followUp: 'What would make it a little easier next time?'
		},
		{
			id: 'day-quiet-worry',
			text: 'What worry keeps coming back when the day goes quiet?',
			followUp: 'What are you afraid it would mean if it came true?'
		},
		{
			id: 'day-overwhelmed-signs',
			text: "How can I tell when you're overwhelmed, even when you're hiding it well?",
			followUp: 'What would you like me to do when I notice?'
		},
		{
			id: 'day-not-enough',
			text: "Where in your daily life do you feel you're not doing enough?",
			followUp: 'What would you say to a friend who felt that way?'
		},
		{
			id: 'day-not-enough-voice',
			text: "When you feel you're not doing enough, whose voice is it that says so?",
			followUp: 'What would you like to say back to it?'
		},
		{
			id: 'day-rest-guilt',
			text: 'What makes it hard for you to rest without feeling guilty?',
			followUp: 'Where do you think that feeling first came from?'
		}
	]),

	// ──────────────────────────── Us right now ────────────────────────────
	...section('us-right-now', 'light', [
		{
			id: 'us-favourite-moment-month',
			text: "What's been your favourite moment with me this month, and why that one?",
			followUp: 'What about it made you feel good?'
		},
		{
			id: 'us-inside-joke',
			text: 'Which of our inside jokes still makes you laugh, and what do you think it says about us?'
		},
		{
			id: 'us-lazy-sunday',
			text: 'How would you spend a perfect lazy Sunday with me right now?',
			followUp: 'What about that day feels like us?'
		},
		{
			id: 'us-little-habit',
			text: 'What little habit of mine do you secretly enjoy?',
			followUp: 'How does it make you feel when you notice it?'
		},
		{
			id: 'us-our-song',
			text: 'What song feels like us at this moment, and why?'
		},
		{
			id: 'us-three-words',
			text: 'How would you describe us lately in three words?',
			followUp: 'Which of those words would you most like to keep?'
		},
		{
			id: 'us-good-team',
			text: 'When did we make a great team recently, and what made it work?',
			followUp: 'How did it feel to be on the same side?'
		}
	]),
	...section('us-right-now', 'personal', [
		{
			id: 'us-felt-closest',
			text: 'When did you feel closest to me in the last few weeks?',
			followUp: 'What was it about that moment?'
		},
		{
			id: 'us-felt-far',
			text: 'When have you felt a little far from me lately, and what was going on for you?',
			followUp: 'What would have brought you back closer?'
		},
		{
			id: 'us-more-of',
			text: "What's one thing you'd love more of between us right now?",
			followUp: 'Why does that matter to you at this point in your life?'
		},
		{
			id: 'us-season',
			text: "What season of our relationship do you think we're in, and how does it feel to you?"
		},
		{
			id: 'us-give-and-take',
			text: 'How does the balance of give and take between us feel to you these days?',
			followUp: 'What would make it feel fairer, or lighter?'
		},
		{
			id: 'us-changed-since-start',
			text: 'How have we changed since we first got together, and what do you miss or not miss?'
		},
		{
			id: 'us-ask-for',
			text: "What's something you'd like to ask me for but haven't yet?",
			followUp: 'What has made it hard to ask?'
		}
	]),
	...section('us-right-now', 'vulnerable', [
		{
			id: 'us-afraid-to-lose',
			text: 'What are you most afraid of losing between us?',
			followUp: 'What could we do together to protect it?'
		},
		{
			id: 'us-unsaid',
			text: "What have you been wanting to tell me but haven't found the moment for?",
			followUp: 'What would help you feel safe saying it?'
		},
		{
			id: 'us-least-seen',
			text: 'What helps you feel truly seen by me?',
			followUp: 'When would you love a little more of that?'
		},
		{
			id: 'us-private-worry',
			text: 'What worry about us do you sometimes keep to yourself?',
			followUp: 'How does it feel to say it out loud now?'
		},
		{
			id: 'us-not-there',
			text: "What would help you feel that I'm there for you these days?",
			followUp: 'What would that look like on an ordinary day?'
		},
		{
			id: 'us-safe-with-me',
			text: 'What makes you feel safe with me?',
			followUp: 'What makes that harder sometimes?'
		},
		{
			id: 'us-holding-back',
			text: 'When you hold back a little with me, what are you protecting?',
			followUp: 'What would need to be true for you to hold back a little less?'
		}
	]),

	// ───────────────────────────── Growing up ─────────────────────────────
	...section('growing-up', 'light', [
		{
			id: 'grow-favourite-place',
			text: 'Which place from your childhood can you still picture clearly, and how does it feel to be there in your mind?'
		},
		{
			id: 'grow-pretend-world',
			text: 'What game or pretend world did you love as a kid, and what did it let you be?',
			followUp: 'What part of that is still in you?'
		},
		{
			id: 'grow-smell-memory',
			text: 'Which smell takes you straight back to being small, and where does it take you?'
		},
		{
			id: 'grow-looked-up-to',
			text: 'Who did you look up to as a kid, and what did you admire in them?',
			followUp: 'How much of that do you see in yourself now?'
		},
		{
			id: 'grow-family-meals',
			text: 'What were meals like in the home you grew up in?',
			followUp: 'What would you like to keep, or change, at our own table?'
		},
		{
			id: 'grow-proud-kid',
			text: 'What were you proud of as a kid?',
			followUp: 'How do you think that younger you would feel about who you are now?'
		},
		{
			id: 'grow-warm-celebration',
			text: 'Which holiday or celebration from growing up do you remember most warmly, and why?'
		}
	]),
	...section('growing-up', 'personal', [
		{
			id: 'grow-anger-lesson',
			text: 'What did your family teach you about anger, and how does it show up now?',
			followUp: 'What would you like to keep, and what would you like to unlearn?'
		},
		{
			id: 'grow-love-shown',
			text: 'How was love shown in your family growing up?',
			followUp: 'How has that shaped the way you love me?'
		},
		{
			id: 'grow-disagreements-home',
			text: 'How did the adults around you handle disagreements, and what did you learn from watching?'
		},
		{
			id: 'grow-unspoken-rules',
			text: 'What unspoken rule did your family live by, and which ones do you still follow?',
			followUp: 'Which of them still serve you, and which ones feel heavy?'
		},
		{
			id: 'grow-teen-longing',
			text: 'What was your teenage self longing for most?',
			followUp: 'Where does that longing show up in you today?'
		},
		{
			id: 'grow-money-lesson',
			text: 'What did you absorb about money growing up, and how does it feel in you now?'
		},
		{
			id: 'grow-when-someone-cried',
			text: 'What happened in your family when someone cried?',
			followUp: 'How does that affect how you let your feelings show now?'
		}
	]),
	...section('growing-up', 'vulnerable', [
		{
			id: 'grow-needed-as-child',
			text: "What did you need as a child that you didn't always get?",
			followUp: 'How could I offer some of that now?'
		},
		{
			id: 'grow-tender-memory',
			text: 'What memory from growing up still feels tender to touch?',
			followUp: 'What would you like me to understand about it?'
		},
		{
			id: 'grow-alone-as-kid',
			text: 'When did you feel most alone as a kid?',
			followUp: 'What helped you through?'
		},
		{
			id: 'grow-younger-self',
			text: 'What would you tell your younger self on their hardest day?',
			followUp: 'What might that younger you need to hear from me?'
		},
		{
			id: 'grow-family-role',
			text: 'What role did you play in your family growing up?',
			followUp: 'What did that role ask of you?'
		},
		{
			id: 'grow-family-role-now',
			text: 'When do you catch yourself playing your old family role now?',
			followUp: 'How would it feel to put that role down sometimes?'
		},
		{
			id: 'grow-approval',
			text: 'Whose approval from growing up are you still seeking?',
			followUp: 'What would it give you to have it?'
		}
	]),

	// ────────────────────────── Dreams and future ──────────────────────────
	...section('dreams-and-future', 'light', [
		{
			id: 'dream-ordinary-day',
			text: 'What would a perfect ordinary day look like for you ten years from now?',
			followUp: 'Which part of it could we start on now?'
		},
		{
			id: 'dream-travel-feeling',
			text: 'Where in the world would you love to go with me, and what are you hoping to feel there?'
		},
		{
			id: 'dream-skill-for-joy',
			text: 'What skill would you love to learn just for the joy of it?',
			followUp: 'What draws you to it?'
		},
		{
			id: 'dream-future-home',
			text: 'How do you picture our home in the future: how does it look, sound and smell?',
			followUp: 'What feeling are you hoping that home gives you?'
		},
		{
			id: 'dream-old-together',
			text: "What do you imagine us doing together when we're old?",
			followUp: 'What about that picture makes you happy?'
		},
		{
			id: 'dream-free-year',
			text: "If money weren't a worry for a year, how would you spend your time?",
			followUp: 'What does that say about what you want more of now?'
		},
		{
			id: 'dream-next-adventure',
			text: "What's the next small adventure you'd like us to have this year?"
		}
	]),
	...section('dreams-and-future', 'personal', [
		{
			id: 'dream-best-worst-year',
			text: 'What was the best and the worst decision you made this year, and why?',
			followUp: 'What did each one teach you about what matters to you?'
		},
		{
			id: 'dream-becoming',
			text: 'Who are you hoping to become over the next few years?',
			followUp: 'How could I support that?'
		},
		{
			id: 'dream-on-hold',
			text: "What dream have you put on hold, and what's kept it there?",
			followUp: 'What would one small step toward it look like?'
		},
		{
			id: 'dream-good-life',
			text: 'What does a good life look like to you, beyond what others expect of you?'
		},
		{
			id: 'dream-shared-goal',
			text: 'What goal would you love us to work toward together, and why that one?',
			followUp: 'What would reaching it mean for us?'
		},
		{
			id: 'dream-wants-changed',
			text: 'How has what you want from the future changed over the past few years?'
		},
		{
			id: 'dream-meaningful-work',
			text: 'What would make your work feel more meaningful to you?',
			followUp: "What's standing in the way right now?"
		}
	]),
	...section('dreams-and-future', 'vulnerable', [
		{
			id: 'dream-future-fear',
			text: 'What about the future scares you most when you let yourself think about it?',
			followUp: 'What would help you feel less alone with that fear?'
		},
		{
			id: 'dream-quiet-hope',
			text: "What hope do you hold that you rarely say out loud, in case it doesn't happen?",
			followUp: 'What would it mean to you if it came true?'
		},
		{
			id: 'dream-path-not-taken',
			text: 'Which path not taken do you still wonder about?',
			followUp: 'What do you imagine it held?'
		},
		{
			id: 'dream-afraid-to-want',
			text: 'What are you afraid to let yourself want, and why?',
			followUp: 'How would it feel to want it out loud with me?'
		},
		{
			id: 'dream-changing-together',
			text: 'How do you feel about the ways we might change over the years?',
			followUp: 'What would you want to stay the same?'
		},
		{
			id: 'dream-remembered-for',
			text: 'What would you most want to be remembered for by the people closest to you?',
			followUp: 'How close do you feel to that today?'
		},
		{
			id: 'dream-own-hopes',
			text: "How do you talk to yourself when you feel you've let your own hopes down?",
			followUp: 'What would a kinder voice say?'
		}
	]),

	// ────────────────────────── Feelings and needs ──────────────────────────
	...section('feelings-and-needs', 'light', [
		{
			id: 'feel-mood-weather',
			text: "If your mood today were weather, what would it be, and what's causing it?"
		},
		{
			id: 'feel-small-comfort',
			text: 'What small comfort always makes you feel a bit better?',
			followUp: 'What is it about it that soothes you?'
		},
		{
			id: 'feel-most-relaxed',
			text: 'Where do you feel most relaxed, and what about it lets you unwind?'
		},
		{
			id: 'feel-pure-joy',
			text: 'When did you last feel pure joy, even for a moment?',
			followUp: 'What made that moment so full?'
		},
		{
			id: 'feel-grey-day',
			text: "What's the best way for me to cheer you up on a grey day?",
			followUp: 'Why does that one work for you?'
		},
		{
			id: 'feel-week-colour',
			text: 'What colour would describe how you feel this week, and why that colour?'
		},
		{
			id: 'feel-looked-after',
			text: 'What makes you feel cosy and looked after?',
			followUp: 'How could we make more room for that?'
		}
	]),
	...section('feelings-and-needs', 'personal', [
		{
			id: 'feel-stressed-need',
			text: "When you're stressed, what do you need most from me: space, words, help, or something else?",
			followUp: 'How can I tell which one you need?'
		},
		{
			id: 'feel-hardest-to-name',
			text: 'Which feeling is hardest for you to name or show, and why?',
			followUp: 'What do you do with it instead?'
		},
		{
			id: 'feel-hardest-to-ask',
			text: 'What need of yours is hardest to ask for?',
			followUp: 'What happens inside you when you think about asking?'
		},
		{
			id: 'feel-body-signal',
			text: 'Where in your body do you notice stress first, and what do you think it is telling you?'
		},
		{
			id: 'feel-misread',
			text: 'Which of your feelings do you think I sometimes misread?',
			followUp: 'What is really going on for you then?'
		},
		{
			id: 'feel-under-skin',
			text: "What tends to get under your skin more than you'd like, and what's underneath it?",
			followUp: 'What need might be hiding there?'
		}
	]),
	...section('feelings-and-needs', 'vulnerable', [
		{
			id: 'feel-hidden-feeling',
			text: 'What feeling do you sometimes keep from me?',
			followUp: 'What would help it feel safe to show?'
		},
		{
			id: 'feel-hidden-fear',
			text: 'When you keep a feeling to yourself, what do you fear would happen if you showed it?',
			followUp: 'What would you want from me if you did?'
		},
		{
			id: 'feel-unmet-need',
			text: 'Which need of yours would you like more room for in our life together?',
			followUp: 'What would meeting it, even a little, look like?'
		},
		{
			id: 'feel-small-ashamed',
			text: 'When do you feel small or ashamed?',
			followUp: 'What helps you come back from it?'
		},
		{
			id: 'feel-last-cried',
			text: 'What was underneath the last time you cried, or wanted to?',
			followUp: 'What would you have wanted from me then?'
		},
		{
			id: 'feel-too-much',
			text: 'Which of your feelings do you worry might be too much for me?',
			followUp: "What would it mean to you to hear that it isn't?"
		},
		{
			id: 'feel-comfort-reaches',
			text: "When you're hurting, what kind of comfort from me reaches you best?"
		},
		{
			id: 'feel-lonely-together',
			text: "When do you feel lonely even when we're together?",
			followUp: 'What could help us reach each other in those moments?'
		}
	]),

	// ───────────────────────────── Appreciation ─────────────────────────────
	...section('appreciation', 'light', [
		{
			id: 'thanks-this-week',
			text: "What's something I did this week that you appreciated, even if it was small?",
			followUp: 'What made it land for you?'
		},
		{
			id: 'thanks-make-you-laugh',
			text: 'What about me makes you laugh the most, and why do you think it gets you?'
		},
		{
			id: 'thanks-first-noticed',
			text: "What's one of the first things you noticed and liked about me?",
			followUp: 'How has that grown or changed since?'
		},
		{
			id: 'thanks-favourite-quirk',
			text: 'Which of my quirks do you love most, and why?'
		},
		{
			id: 'thanks-proud-of-me',
			text: "What's something you've been proud of me for lately?",
			followUp: 'Why did that stand out to you?'
		},
		{
			id: 'thanks-everyday-life',
			text: 'Which everyday thing about our life are you most thankful for right now?',
			followUp: 'What would be missing without it?'
		},
		{
			id: 'thanks-meaningful-gift',
			text: "What's the most meaningful thing anyone has ever given you, and why did it matter so much?"
		}
	]),
	...section('appreciation', 'personal', [
		{
			id: 'thanks-feel-loved',
			text: 'What do I do that makes you feel most loved?',
			followUp: 'When did you first notice it mattering to you?'
		},
		{
			id: 'thanks-how-appreciated',
			text: 'How do you most like to be appreciated: words, time, touch, help, or surprises?',
			followUp: 'Where do you think that comes from?'
		},
		{
			id: 'thanks-strength-grown',
			text: 'What strength of mine have you watched me grow into since we met?'
		},
		{
			id: 'thanks-helped-through',
			text: 'When did I help you through something, and how did it change things for you?',
			followUp: 'What did it tell you about us?'
		},
		{
			id: 'thanks-unsaid-thankyou',
			text: "What's a thank-you you've been meaning to say to me?"
		},
		{
			id: 'thanks-hard-to-appreciate-self',
			text: 'What about yourself do you find hardest to appreciate?',
			followUp: 'What do you think I see there that you miss?'
		},
		{
			id: 'thanks-hard-time-together',
			text: "What do you appreciate about how we've handled a difficult time together?",
			followUp: 'What did it teach you about what we can carry?'
		}
	]),
	...section('appreciation', 'vulnerable', [
		{
			id: 'thanks-taken-for-granted',
			text: 'Which of the everyday things you do for us would you love a thank-you for?',
			followUp: 'What would hearing it change for you?'
		},
		{
			id: 'thanks-changed-by-us',
			text: 'In what way has being with me changed you?',
			followUp: 'How do you feel about that change?'
		},
		{
			id: 'thanks-hard-to-receive',
			text: 'What makes compliments or thanks hard for you to take in?',
			followUp: 'What would help them land?'
		},
		{
			id: 'thanks-goes-unnoticed',
			text: "What do you give to us that you'd love me to see more clearly?",
			followUp: 'How could I show you that I see it?'
		},
		{
			id: 'thanks-at-home',
			text: 'What about me makes you feel at home, even on our hard days?'
		},
		{
			id: 'thanks-grateful-for-hard',
			text: 'Which hard experience are you, strangely, grateful for now?',
			followUp: 'What did it give you?'
		},
		{
			id: 'thanks-kind-words',
			text: 'What kind words do you wish you heard more often, from me or from anyone?'
		}
	]),

	// ─────────────────────── Hard moments and repair ───────────────────────
	...section('hard-moments-and-repair', 'light', [
		{
			id: 'repair-silliest-disagreement',
			text: "What's the silliest thing we've ever disagreed about, and what do you think it was really about?"
		},
		{
			id: 'repair-cool-down',
			text: "What helps you cool down when you're annoyed: a walk, music, time alone, something else?",
			followUp: 'How much time do you usually need before you feel like yourself again?'
		},
		{
			id: 'repair-timeout-signal',
			text: 'What funny or gentle signal could we use to call a timeout when things get heated?',
			followUp: 'What would make it feel kind rather than dismissive?'
		},
		{
			id: 'repair-making-up',
			text: "What's your favourite way to make up after a small tiff?"
		},
		{
			id: 'repair-sorry-style',
			text: "How do you like to hear 'I'm sorry': in words, in actions, or with a hug first?",
			followUp: 'What makes an apology feel real to you?'
		},
		{
			id: 'repair-grumpy-manual',
			text: "What would you like me to know about you when you're hungry, tired or grumpy?"
		},
		{
			id: 'repair-laughter-helped',
			text: 'When has laughter helped us get past a bump, and what made it work?',
			followUp: 'What did it change in how you felt?'
		}
	]),
	...section('hard-moments-and-repair', 'personal', [
		{
			id: 'repair-our-pattern',
			text: 'What pattern do you notice in how our disagreements usually go?',
			followUp: 'Where would you like us to try something different?'
		},
		{
			id: 'repair-heard-mid-conflict',
			text: 'What helps you feel heard in the middle of a disagreement?'
		},
		{
			id: 'repair-defensive-words',
			text: 'Which words or tones put you on the defensive fastest, and why do you think that is?',
			followUp: 'What could I say instead?'
		},
		{
			id: 'repair-apologising-hard',
			text: 'What makes apologising hard for you?',
			followUp: 'Where do you think you learned that?'
		},
		{
			id: 'repair-unfinished',
			text: 'Which old disagreement still feels a bit unfinished to you?',
			followUp: 'What would help it feel settled?',
			liveOnly:
				'An old disagreement is best picked up together, where each of you can be heard at once.'
		},
		{
			id: 'repair-ready-to-reconnect',
			text: "After a fight, what do you need before you're ready to reconnect?"
		},
		{
			id: 'repair-proud-handled',
			text: 'Which disagreement are you proud of how we handled, and what did we do right?',
			followUp: 'What would it take to do that more often?'
		}
	]),
	...section('hard-moments-and-repair', 'vulnerable', [
		{
			id: 'repair-still-hurts',
			text: "What between us still hurts a little, even after we've talked about it?",
			followUp: 'What would help it heal a little more?',
			liveOnly:
				'It touches a hurt between you: asked face to face, it can be heard and reflected back at once, rather than waiting alone in an inbox.'
		},
		{
			id: 'repair-during-fights',
			text: 'What do you wish I understood about how you feel when we disagree?'
		},
		{
			id: 'repair-fear-arguing',
			text: 'What are you most afraid of when we argue?',
			followUp: 'Where does that fear come from?'
		},
		{
			id: 'repair-own-part',
			text: 'How do you feel about the part you bring to our hard moments?',
			followUp: 'What would help you bring something different?'
		},
		{
			id: 'repair-forgiveness-means',
			text: 'What does forgiveness mean to you?',
			followUp: 'What makes it possible for you?'
		},
		{
			id: 'repair-going-quiet',
			text: 'What happens inside you when you go quiet in a conflict?',
			followUp: 'How could I reach you then?'
		},
		{
			id: 'repair-trust-wobbled',
			text: 'When trust between us has wobbled, what helped it come back?',
			followUp: 'What still feels fragile?'
		}
	]),

	// ─────────────────────── Closeness and intimacy ───────────────────────
	...section('closeness-and-intimacy', 'light', [
		{
			id: 'close-everyday-touch',
			text: 'What kind of everyday touch do you love most: a hand on your back, a long hug, holding hands?',
			followUp: 'What does it tell you when I do it?'
		},
		{
			id: 'close-date-idea',
			text: "What's a date idea you've been quietly hoping we'd try?",
			followUp: 'What draws you to that one?'
		},
		{
			id: 'close-cosy-evening',
			text: 'What does a perfect cosy evening together look like to you?'
		},
		{
			id: 'close-early-date-feeling',
			text: 'What do you remember feeling on one of our first dates?',
			followUp: 'How does that feeling compare with now?'
		},
		{
			id: 'close-love-note',
			text: 'What would you love to find in a note from me?'
		},
		{
			id: 'close-morning-night',
			text: 'What is your favourite way for us to say good morning or goodnight, and why?'
		},
		{
			id: 'close-small-gesture',
			text: 'Which small gesture of affection from me makes your day?',
			followUp: 'What does it say to you?'
		}
	]),
	...section('closeness-and-intimacy', 'personal', [
		{
			id: 'close-feel-wanted',
			text: 'What helps you feel wanted in our relationship?',
			followUp: 'How could I show that more?'
		},
		{
			id: 'close-after-apart',
			text: 'After time apart, what helps you feel close to me again?'
		},
		{
			id: 'close-heart-and-body',
			text: 'How do emotional closeness and physical closeness connect for you?',
			followUp: 'What happens for you when one of them is missing?'
		},
		{
			id: 'close-flirting',
			text: 'How do you like to be flirted with these days?',
			followUp: 'What does it make you feel?'
		},
		{
			id: 'close-connected-time',
			text: 'What kind of time together makes you feel most connected, and why?'
		},
		{
			id: 'close-intimacy-means',
			text: 'What does intimacy mean to you beyond the physical?',
			followUp: 'When have you felt it most with me?'
		},
		{
			id: 'close-wanting-closer',
			text: 'How do you let me know you want to be closer, and how could I notice it better?'
		}
	]),
	...section('closeness-and-intimacy', 'vulnerable', [
		{
			id: 'close-self-conscious',
			text: 'What helps when you feel self-conscious with me?',
			followUp: 'What would you like me to know in those moments?'
		},
		{
			id: 'close-turned-away',
			text: "What is it like for you when you reach for me and I don't notice, even in a small way?",
			followUp: 'What would feel better in those moments?',
			liveOnly:
				'It touches a hurt between you: asked face to face, it can be heard and reflected back at once, rather than waiting alone in an inbox.'
		},
		{
			id: 'close-shy-to-show',
			text: 'What part of you are you still shy to let me fully see?',
			followUp: 'What would help you feel safe letting me see it?'
		},
		{
			id: 'close-unguarded-love',
			text: 'In which quiet, unguarded moments do you feel most loved by me?'
		},
		{
			id: 'close-pace',
			text: 'How do you feel about the pace and rhythm of closeness between us right now?',
			followUp: 'What would feel just right for you?'
		},
		{
			id: 'close-safe-not-now',
			text: "What helps you feel safe saying 'not now' to closeness?",
			followUp: 'What would make those moments easy on both of us?'
		},
		{
			id: 'close-not-now-response',
			text: "When you say 'not now' to closeness, how would you like me to respond?",
			followUp: "What would let you know it's truly okay?"
		}
	]),

	// ────────────────────────── Values and meaning ──────────────────────────
	...section('values-and-meaning', 'light', [
		{
			id: 'values-day-well-spent',
			text: 'What makes a day feel well spent to you?',
			followUp: 'How often do you get days like that?'
		},
		{
			id: 'values-stranger-kindness',
			text: 'What has a stranger done that restored your faith in people?',
			followUp: 'Which value of yours did it touch?'
		},
		{
			id: 'values-changed-view',
			text: 'Which book, film or song changed how you see the world, and how?'
		},
		{
			id: 'values-small-kindness',
			text: 'What small act of kindness do you try to do whenever you can, and why that one?'
		},
		{
			id: 'values-motto',
			text: 'What saying or motto do you keep coming back to, and why?',
			followUp: 'When did it first start to mean something to you?'
		},
		{
			id: 'values-simple-pleasure',
			text: 'Which simple pleasure do you think everyone deserves, and why?'
		},
		{
			id: 'values-bigger-place',
			text: 'What place makes you feel part of something bigger than yourself?',
			followUp: 'What does that feeling give you?'
		}
	]),
	...section('values-and-meaning', 'personal', [
		{
			id: 'values-matters-more-now',
			text: 'What matters more to you now than it did five years ago?',
			followUp: 'What changed it?'
		},
		{
			id: 'values-stand-up-for',
			text: 'What would you stand up for even if it cost you something?',
			followUp: 'Where did that conviction come from?'
		},
		{
			id: 'values-traditions',
			text: 'Which traditions would you like us to keep, change or start, and why?'
		},
		{
			id: 'values-money-means',
			text: 'What does money mean to you: safety, freedom, comfort, something else?',
			followUp: 'How does that show up in the way we spend and save?'
		},
		{
			id: 'values-success-now',
			text: 'How do you define success for yourself today, and how has that changed?'
		},
		{
			id: 'values-find-meaning',
			text: 'Where do you find meaning, or a sense of something larger than yourself?',
			followUp: 'How could we make more room for that in our life?'
		},
		{
			id: 'values-hard-to-bend',
			text: 'Which of your values do you find hardest to compromise on, and why?'
		}
	]),
	...section('values-and-meaning', 'vulnerable', [
		{
			id: 'values-acted-against',
			text: 'What did you learn from a time you acted against your own values?',
			followUp: 'How do you feel about it now?'
		},
		{
			id: 'values-doubt-matters',
			text: "When do you doubt that what you're doing matters?",
			followUp: 'What helps you find your way back?'
		},
		{
			id: 'values-time-passing',
			text: 'How do you feel when you think about time passing?',
			followUp: 'What does it make you want to do?'
		},
		{
			id: 'values-where-we-differ',
			text: 'How do you feel about the places where our values differ?',
			followUp: 'What could we learn from each other there?'
		},
		{
			id: 'values-at-your-core',
			text: 'What do you most want me to understand about who you are at your core?'
		},
		{
			id: 'values-shaped-by-loss',
			text: 'Which loss has shaped what you value most?',
			followUp: 'How does it live with you now?'
		},
		{
			id: 'values-forgive-yourself',
			text: 'What are you still learning to forgive yourself for?',
			followUp: 'How could I help you be kinder to yourself about it?'
		}
	]),

	// ───────────────────────────────── Play ─────────────────────────────────
	...section('play', 'light', [
		{
			id: 'play-silly-superpower',
			text: 'Which silly superpower would make your everyday life better, and why?'
		},
		{
			id: 'play-dinner-guests',
			text: 'Which three people, real or fictional, would you invite to dinner with us, and what would you hope to feel in that room?'
		},
		{
			id: 'play-theme-song',
			text: 'What would your walk-in theme song be today, and why?',
			followUp: 'What does that say about your mood?'
		},
		{
			id: 'play-our-film',
			text: 'If our life were a film, what genre would it be this month, and why?'
		},
		{
			id: 'play-inner-kid-day',
			text: 'How would you spend a whole day if your inner kid got to decide everything?',
			followUp: 'What does that kid still want more of?'
		},
		{
			id: 'play-food-personality',
			text: 'Which food best describes your personality today, and why?'
		},
		{
			id: 'play-our-holiday',
			text: 'What holiday would you invent for the two of us, and how would we celebrate it?',
			followUp: 'What would it be a celebration of, really?'
		},
		{
			id: 'play-mood-animal',
			text: 'Which animal matches your mood right now, and what is it doing?'
		}
	]),
	...section('play', 'personal', [
		{
			id: 'play-most-playful',
			text: 'When do you feel most playful with me, and what brings that out?',
			followUp: 'What tends to get in the way of it?'
		},
		{
			id: 'play-stopped-fun',
			text: "What used to be fun for you that you've stopped doing, and why?",
			followUp: 'What would it take to bring some of it back?'
		},
		{
			id: 'play-laughed-hardest',
			text: "What's the hardest you've ever laughed with me, and what made it so funny to you?"
		},
		{
			id: 'play-scary-fun',
			text: "What's something slightly scary but fun you'd like us to try together?",
			followUp: 'What appeals to you about the scary part?'
		},
		{
			id: 'play-silly-side',
			text: "What side of you comes out when you're being silly, and how do you feel about showing it?"
		},
		{
			id: 'play-fun-then-now',
			text: "What does 'fun' mean to you now compared with when we met?",
			followUp: 'What do you think changed it?'
		}
	]),
	...section('play', 'vulnerable', [
		{
			id: 'play-hard-to-let-go',
			text: 'What makes it hard for you to let go and play sometimes?',
			followUp: 'What would help you feel free enough to?'
		},
		{
			id: 'play-fear-foolish',
			text: 'When have you held back from being silly in case you looked foolish?',
			followUp: 'What were you protecting?'
		},
		{
			id: 'play-joy-undeserved',
			text: 'When does enjoying yourself feel undeserved?',
			followUp: 'Where do you think that feeling comes from?'
		},
		{
			id: 'play-enjoy-fully',
			text: 'What would let you enjoy yourself fully, without holding a little back?',
			followUp: 'How could I help make room for that?'
		},
		{
			id: 'play-missed-play',
			text: 'What kind of play did you miss out on growing up?',
			followUp: 'How could we make some room for it now?'
		},
		{
			id: 'play-humour-shield',
			text: 'What feeling has humour helped you hide?',
			followUp: 'What would it be like to let me see it instead?'
		}
	]),

	// ──────────────────────────── Side by side ────────────────────────────
	// For talking while doing something together: eyes on the road or the pan, not on each other.
	...section('side-by-side', 'light', [
		{
			id: 'side-cook-home-dish',
			activity: 'cooking',
			text: 'While you cook: which dish tastes like home to you, and who made it?',
			followUp: 'What do you miss about that table?'
		},
		{
			id: 'side-cook-learn-together',
			activity: 'cooking',
			text: "As you chop and stir: what's a meal you'd love us to learn to make together?"
		},
		{
			id: 'side-cook-kitchen-smell',
			activity: 'cooking',
			text: 'Which smell from a kitchen takes you straight back somewhere, and where?'
		},
		{
			id: 'side-walk-noticed',
			activity: 'walking',
			text: "On this walk: what's something you noticed lately that made you stop and look?"
		},
		{
			id: 'side-walk-anywhere',
			activity: 'walking',
			text: 'Where would you walk right now if we could be anywhere at all?',
			followUp: 'What draws you to that place?'
		},
		{
			id: 'side-walk-childhood-path',
			activity: 'walking',
			text: 'Which path or place did you walk a lot as a child, and what was it like?'
		},
		{
			id: 'side-drive-soundtrack',
			activity: 'driving',
			text: 'In the car: which song belongs on the soundtrack of this year for you, and why?'
		},
		{
			id: 'side-drive-best-trip',
			activity: 'driving',
			text: "What's the best journey you've ever been on, and what made it so good?"
		},
		{
			id: 'side-drive-keep-going',
			activity: 'driving',
			text: "If we kept driving past where we're going, where would you want us to end up?"
		},
		{
			id: 'side-any-best-part',
			activity: 'anything',
			text: "While we do this together: what's been the best part of your week so far?"
		},
		{
			id: 'side-any-easier-days',
			activity: 'anything',
			text: 'What small thing could I do this week that would make your days a little easier?'
		}
	]),
	...section('side-by-side', 'personal', [
		{
			id: 'side-cook-head-full',
			activity: 'cooking',
			text: "While your hands are busy: what's been taking up the most room in your head this week?"
		},
		{
			id: 'side-cook-family-meals',
			activity: 'cooking',
			text: 'What did mealtimes feel like in the home you grew up in?',
			followUp: 'What would you like ours to feel like?'
		},
		{
			id: 'side-walk-carrying',
			activity: 'walking',
			text: "What's something you've been carrying this week that you'd like to set down for a while?"
		},
		{
			id: 'side-walk-changing',
			activity: 'walking',
			text: 'What change can you feel coming in yourself lately?'
		},
		{
			id: 'side-drive-say-once',
			activity: 'driving',
			text: "What's a worry you'd like to say out loud just once, with no need to solve it?"
		},
		{
			id: 'side-drive-looking-forward',
			activity: 'driving',
			text: 'What are you quietly looking forward to in the weeks ahead, and why that?'
		},
		{
			id: 'side-any-easier-sideways',
			activity: 'anything',
			text: "What's been on your mind that feels easier to say without looking at each other?"
		},
		{
			id: 'side-any-more-of',
			activity: 'anything',
			text: 'What would you like more of in our everyday life together?'
		}
	])
];
