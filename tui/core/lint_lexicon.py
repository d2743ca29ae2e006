"""Feeling and judging words from VADER's lexicon (vaderSentiment 3.3.2, MIT licence).

Derived at build time, not loaded at run time, so `interview lint` starts no slower
and needs no extra package: every alphabetic entry whose mean valence is at least
1.0 in size, split by sign. `tests/core/test_lint_lexicon.py` rebuilds both sets from
the package when it is installed and checks they match.
"""

VADER_POSITIVE = frozenset(
    """
aas aayf abilities ability absolve absolved absolves absolving accept acceptabilities acceptability acceptable acceptableness acceptably acceptance
acceptances acceptant acceptation accepted accepting accepts accomplish accomplished accomplishes achievable acquitted acquitting active actively
actives admirability admirable admirableness admirably admiral admirals admiralties admiralty admiration admirations admire admired admirer admirers
admires admiring admiringly admits adorability adorable adorableness adorably adoration adorations adore adored adorer adorers adores adoring
adoringly adorner adorning adornment advanced advantage advantaged advantageous advantageously advantageousness advantages advantaging adventure
adventured adventurer adventures adventuresome adventuresomeness adventuresses adventuring adventurism adventurist adventuristic adventurists
adventurous adventurously adventurousness affection affectional affectionally affectionate affectionately affectioned affections agog agree
agreeability agreeable agreeableness agreeablenesses agreeably agreed agreeing agreement agreements alert alive alol alright amaze amazed amazedly
amazement amazements amazes amazing amazonstone ambitious ambw aml amor amorino amorist amoristic amoroso amorous amorously amorousness amuse amused
amusedly amusement amusements amuser amusers amuses amusing amusingness amusive aok apologise apologized apologizes appease appeasing applaud
applauded applauding applauds applause appreciate appreciated appreciates appreciating appreciation appreciations appreciative appreciatively
appreciativeness appreciator appreciators appreciatory apprehensible approval approved approves ardent asset assurance assurances assure assured
assuredly assuredness assurers assures assurgent assuring astonished astound astounded astounding astoundingly astounds attachment attachments attract
attractant attractants attracted attracting attraction attractions attractive attractively attractiveness attractivenesses attractor attractors
attracts avid award awardable awarded awardee awardees awarders awarding awards awesome badass beatific beaut beauteous beauteously beauteousness
beautician beauties beautification beautifications beautified beautifier beautifiers beautifies beautiful beautifuler beautifulest beautifully
beautifulness beautify beautifying beauts beauty beloved benefic beneficed beneficence beneficences beneficent beneficently benefices beneficial
beneficially beneficialness beneficiaries beneficiary beneficiate benefit benefits benefitted benefitting benevolence benevolences benevolent
benevolently benevolentness benign benignant benignantly benignity best better bff bffn bl bless blessed blesseder blessedest blessedly blessedness
blesser blessers blesses blessing blessings bliss blissful blithe blockbuster bold bolder boldest boldly boldness bolds bonus bonuses boost boosted
boosting boosts brave braved bravely braver braveries bravery braves bravest breathtaking bright brighten brightened brightener brighteners
brightening brightens brighter brightest brightly brightness brightnesses brightwork brilliance brilliances brilliancies brilliancy brilliant
brilliantines brilliantly brilliants bwahahah calm calmative calmed calmer calmest calming calmly calmness calmnesses calms capable captivated care
cared carefree carefulness cares caring celebrate celebrated celebrates celebrating certain certainly certainty champ champagne champed champion
championed championing champions championship championships champs champy chance charitable charitableness charitablenesses charitably charities
charity charm charmed charmer charmers charming charminger charmingest charmingly charms cheer cheered cheerer cheerers cheerful cheerfuller
cheerfullest cheerfully cheerfulness cheerier cheeriest cheerily cheeriness cheering cheerio cheerlead cheerleaders cheerleading cheerleads cheerled
cheerly cheers cheery cherish cherishable cherished cherisher cherishers cherishes cherishing chic chuckle chuckled chucklers chuckles chucklesome
chuckling chucklingly clarity classy clean clear clearly clever cleverer cleverest cleverish cleverly cleverness clevernesses comedian comedians
comedic comedically comediennes comedies comedy comfort comfortable comfortableness comfortably comforted comforter comforters comforting comfortingly
comforts commend commended commit commitment committed compassion compassionate compassionated compassionately compassionates compassionating
competent compliment complimentarily complimentary complimented complimenting compliments comprehensive conciliate conciliated conciliates
conciliating confidence confident confidently congrats congratulate congratulation congratulations consents considerate consolable contented
contentedly contentedness contentment convince convinced convincing convincingly convivial cool courage courageous courageously courageousness
courteous courtesy coziness create created creates creating creation creationisms creations creative creatively creativeness creativities creativity
credit creditabilities creditability creditable creditableness creditably credited credits creditworthiness creditworthy curious cute cutely cuteness
cutenesses cuter cutes cutesie cutesier cutesiest cutest cutesy cutey cuteys cutie cutiepie cuties daring daringly daringness darling darlingly
darlingness darlings dauntless dear dearer dearest dearie dearies dearly dearness dears deary dedicated definite definitely delectable delectables
delectably delicately delicious deliciously deliciousness delight delighted delightedly delightedness delighter delighters delightful delightfully
delightfulness delighting delights delightsome desirable desire desired desirous determinacy determinately determinateness determination determinative
determinator determined devote devoted devotedly devotedness devotee devotement devotements devotes devoting devotion devotional devotionally
devotionals devotions diamond dignified dignifies dignify dignifying dignitary dignities dignity divination divinations divinatory divine divinely
diviners divinest divinities divinity divinize doubtlessly dream dreams dynamic dynamical dynamically dynamics dynamism dynamisms dynamist dynamistic
eager eagerly eagerness eagers earnest ease eased easeful easefully easement eases easier easiest easily easiness easing easy easygoing easygoingness
ecstacy ecstasies ecstasy ecstatic ecstatically ecstatics effective effectively efficiencies efficiency efficient efficiently elated elation elegance
elegances elegancies elegancy elegant elegantly embrace empathetic enchanted encourage encouraged encouragement encouragements encourager encouragers
encourages encouraging encouragingly endorse endorsed endorsement endorses energetic energetically energise energised energises energising
energization energizations energize energized energizer energizers energizes energizing energy engage engaged engagement engager engagers engages
engaging engagingly enjoy enjoyable enjoyableness enjoyably enjoyed enjoyer enjoyers enjoying enjoyment enjoyments enjoys enlighten enlightened
enlightening enlightens enrapture ensure ensuring enterprising entertain entertained entertainer entertainers entertaining entertainingly
entertainment entertainments entertains enthuse enthused enthuses enthusiasm enthusiasms enthusiast enthusiastic enthusiastically enthusiasts
enthusing entitled esteemed ethical euphoria euphoric excel excelled excellence excellences excellencies excellency excellent excellently excelling
excels excitabilities excitability excitable excitableness excitant excitants excitation excitations excitatory excite excited excitedly excitement
excitements exciter exciters excites exciting excitingly exhilarated exhilarates exhilarating exonerate exonerated exonerates exonerating expand
exuberant exultant exultantly ez fab fabulous fabulousness fair faith faithed faithful faithfully faithfulness faiths fame fan fantastic fantastical
fantasticalities fantasticality fantasticalness fantasticate fascinate fascinated fascinates fascinating fascination faultless faultlessly
faultlessness fav fav fave favor favorable favorableness favorably favored favorer favorers favoring favorite favorited favorites favors favour
favoured favourer favourers favouring favours fearless fearlessly fearlessness fervent festival festivalgoer festivalgoers festivals festive festively
festiveness festivities festivity ff fiesta fiestas fit fitness flattered flatteries flattering flatteringly flawless flexibilities flexibility
flexibly flirtation foaf focused fond fondly fondness foolproof forgave forgivable forgivably forgive forgiven forgiveness forgiver forgivers forgives
forgiving forgivingly forgivingness fortunate free freebee freebees freebie freebies freeborn freed freedman freedom freedoms freedwoman freedwomen
freehanded freehearted freeholds freeing freelance freelancer freely freeman freemen freeness freenesses freer freers frees freest freestanding
freethinker freethinkers freethinking freewill fresh friend friended friending friendlier friendlies friendliest friendlily friendliness friendly
friends friendship friendships frisky ftw fulfill fulfilled fulfills fun funned funner funnest funnier funnies funniest funnily funniness funninesses
funning funny funnyman funnymen fwb gain gained gaining gains gallant gallantly gallantry generosities generosity generous generously generousness
genial gentle gentler gentlest gently gg gga gift giggle giggled gigglers gigglier giggliest giggling gigglingly giggly giver givers giving gj gl gla
glad gladly glamor glamorise glamorised glamorises glamorising glamorization glamorize glamorized glamorizer glamorizers glamorizes glamorizing
glamorous glamorously glamors glamour glamourous glamours glee gleeful gloried glories glorification glorified glorifier glorifiers glorifies glorify
glorifying gloriole glorioles glorious gloriously gloriousness glory gn god godsend good goodness gorgeous gorgeously gorgeousness gorgeousnesses
grace graceful gracefuller gracefullest gracefully gracefulness graces gracile gracility gracing gracioso gracious graciously graciousness grand
grandee grandees grander grandest grandeur grandeurs grant granted granting grateful gratefuller gratefully gratefulness gratification gratifications
gratified gratifies gratify gratifying gratifyingly gratitude gratz great greater greatest greet greeted greeting greetings grin grinned grinner
grinners grinning growth gt guarantee ha hagd hagn hago haha hahaha hahas hak hallelujah hand handsome handsomely handsomeness handsomer handsomest
happier happiest happily happiness happing happy hardy harmless harmlessly harmonic harmonically harmonics harmonies harmonious harmoniously
harmoniousness harmonise harmonised harmonising harmonization harmonize harmonized harmonizer harmonizers harmonizes harmonizing harmony healthy heart
heartfelt hearts heartwarming heaven heavenlier heavenliest heavenliness heavenlinesses heavenly heavens heavenward heavenwards help helper helpers
helpful helpfully helpfulness helping helps hero heroes heroic heroical heroically heroicomic heroicomical heroics heroine heroines heroism heroisms
heroize heroized heroizes heroizing heros hhoj highlight hilarious holiday holidays honest honester honestest honesties honestly honesty honor
honorability honorable honorableness honorably honoraries honorarily honorariums honorary honored honoree honorees honorer honorers honorific
honorifically honorifics honoring honors honour honourable honoured honourer honourers honouring honours hooray hope hoped hopeful hopefully
hopefulness hopes hoping hug huge huggable hugged hugger huggers hugging hugs hugz humerous humor humored humoresque humoring humorist humoristic
humorists humorous humorously humorousness humors humour humoured humouring humourous hurrah hurrahed hurrahing hurrahs hurray hurrayed hurraying
hurrays ideal idealise idealised idealises idealism idealist idealistic idealistically idealities ideality idealization idealizations idealize
idealized idealizer idealizers idealizes idealizing ideally ilu iluaaf ily immortal immune importance importancy importantly impress impressed
impresses impressibility impressing impressionist impressionistic impressionistically impressive impressively impressiveness improve improved
improvement improvements improver improvers improves improving incentive incentives increase increased influential innocence innocency innocent
innocently innocents innovate innovates innovation innovative inspiration inspirational inspirationally inspirations inspirator inspirators
inspiratory inspire inspired inspirer inspirers inspires inspiring inspiringly inspirit inspirited inspiriting inspiritingly integrity intellect
intellective intellects intellectual intellectualism intellectualist intellectualistic intellectualities intellectuality intellectualization
intellectualize intellectualized intellectualizes intellectually intellectualness intellectuals intelligence intelligencer intelligencers
intelligences intelligent intelligential intelligently intelligentsia intelligibility intelligible intelligibleness intelligibly interest interested
interestedly interesting interestingly interestingness interests invigorate invigorates invigorating invigoratingly invigoration invigorations
invigorator invigorators invincible inviting invulnerable irresistible iyq jaunty jewel jewels jhomf jj jocular join joke joked jokes jokester jokey
jollied jollier jollies jolliest jollification jollifications jollify jollily jolliness jollities jollity jolly jollying jovial joy joyance joyed
joyful joyfuller joyfully joyfulness joying joyous joyously joyousness joyride joyriders joyrode joys jubilant justice justifiably justified jw keen
keenest keenly keenness kewl kfy kind kinder kindly kindness kindnesses kiss kissable kissably kissed kisser kissers kisses kissing kissy kk kmuf
kudos laoj laugh laughableness laughably laughed laugher laughers laughing laughingly laughings laughs laughter laughters lawl leet lenient liberties
libertinisms liberty lifesaver lighthearted like likeable liked likes liking livelier liveliest livelily liveliness livelong lively lmao lmao lmbao
lmfao lmso lol lol lolz lovable love loved lovelies lovely lover loverly lovers loves loving lovingly lovingness loyal loyalism loyalist loyalists
loyally loyalties loyalty lts luck lucked luckie luckier luckiest luckily luckiness lucking lucks lucky lulz ly lya lyb lyl lylab lylas lylb magnific
magnifical magnifically magnification magnifications magnificence magnificences magnificent magnificently magnifico magnificoes marvel marvelous
marvels masterpiece masterpieces mature meaningful medal meditative mercy merit merited meriting meritocrats meritorious meritoriously meritoriousness
merits merrier merriest merrily merriment merriments merriness merry merrymaker merrymakers merrymaking merrymakings merrythought merrythoughts
miracle mirth mirthful mirthfully mml motivate motivated motivating motivation muah muah mwah natural nbd neat neaten neatened neatening neatens
neater neatest neatly neatness neats nh nice nicely niceness nicenesses nicer nicest niceties nicety nifty noble novel np ntmu nurtural nurturance
nurturances nurturant nurture nurtured nurturer nurtures nurturing ok ok okays once-in-a-lifetime openness opportune opportunely opportuneness
opportunities opportunity optimal optimality optimally optimisation optimisations optimise optimised optimises optimising optimism optimisms optimist
optimistic optimistically optimists optimization optimize optimized optimizer optimizers optimizes optimizing original outgoing outreach outstanding
overjoyed painless painlessly palatable palatably paradise pardon pardoning pardons partied partier parties party partyer partyers partying passion
passional passionate passionately passionateness passions peace peaceable peaceableness peaceably peaceful peacefuller peacefullest peacefully
peacefulness peacekeeper peacekeepers peacekeeping peacekeepings peacemaker peacemakers peacemaking peaces peacetime peacetimes perfect perfecta
perfected perfecter perfecters perfectest perfectibilities perfectibility perfectible perfecting perfection perfectionism perfectionist perfections
perfective perfectively perfectivity perfectly perfectness perfecto perfects picturesque play played playful playfully playfulness plays pleasant
pleasanter pleasantest pleasantly pleasantness pleasantnesses pleasantries pleasantry please pleased pleaser pleasers pleases pleasing pleasurability
pleasurable pleasurableness pleasurably pleasure pleasured pleasures pleasuring poised popular popularise popularised popularising popularities
popularity popularization popularize popularized popularizer popularizers popularizes popularizing popularly positive positively positiveness
positivenesses positiver positives positivest positivism positivisms positivist positivistic positivists positivities positivity powerful praise
praised praiser praisers praises praiseworthily praiseworthiness praiseworthy praising pray praying prays precious preciously preciousness
pressureless prettied prettier pretties prettiest pretty pride privilege privileged privileges prize prized prizefighter prizer prizes prizewinner
prizewinners prizewinning proactive profit profitabilities profitability profitable profitableness profitably profited profiting profits progress
prominent promise promised promisees promiser promisers promises promising promisingly promisor promote promoted promotes promoting prospect prospects
prosperous protect protected protects proud prouder proudest proudful proudhearted proudly ptl pukka qt radiance radiances radiancy radiant radiantly
radiants rapturous readiness ready reassurance reassurances reassure reassured reassures reassuring reassuringly recommend redeemed reinvigorate
reinvigorated reinvigorates reinvigorating reinvigoration rejoice rejoiced rejoices rejoicing relax relaxant relaxation relaxations relaxed relaxedly
relaxedness relaxer relaxers relaxes relaxin relaxing relaxins relief reliefs relievable relieve relieved relievedly reliever relievers relieves
relieving relievo relishing remarkable rescue rescued rescues resolute resolvable resolve resolvers resolving respect respectabilities respectability
respectable respectableness respectably respected respecter respecters respectful respectfully respectfulness respectfulnesses respecting respective
respectively respectiveness respects responsible responsive restful restore restored restores restoring revered revive revives reward rewardable
rewarded rewarder rewarders rewarding rewardingly rewards rich richened richening richer riches richest richly richness richnesses riskless robust
rofl roflcopter roflmao romance romanced romancer romancers romances romancing romantic romantically romanticise romanticised romanticises
romanticising romanticism romanticisms romanticist romanticists romanticization romanticizations romanticize romanticizes romanticizing romantics
rotfl rotflmao rotflmfao rotflol rotgl rotglmao safe safeguard safeguarded safeguarding safeguards safekeeping safelight safely safeness safer safest
safeties safety salient satisfaction satisfactions satisfactorily satisfactoriness satisfactory satisfiable satisfied satisfies satisfy satisfying
satisfyingly save saved scrumptious scrumptiously secure secured securely securement secureness securer secures securest securing securities
securitized securitizes security self-confident sentimental sentimentalise sentimentalism sentimentality sentimentalization sentimentalized
sentimentalizes sentimentally serene sete sexy sfete sgtm share shared shares sharing shockproof significance sillier sincere sincerely sincereness
sincerer sincerest sincerities singleminded slaw smart smarten smartened smartening smartens smarter smartest smartie smarties smartly smartness
smartnesses smarts smarty smile smiled smiler smiles smiley smileys smiling smilingly sociabilities sociability sociable sociableness sociably sok
solidarity solution solved solves solving soothe soothing sophisticated soulmate sparkle sparkles sparkling special spirited splendent splendid
splendidly splendidness splendiferous splendiferously splendiferousness splendor splendorous splendors splendour splendours splendrous sprightly
stable stamina steadfast stimulates stimulating strength strengthen strengthened strengthener strengtheners strengthening strengthens strengths
stressless stresslessness strong stronger strongest strongholds strongish strongly stunning suave succeed succeeded succeeder succeeders succeeding
succeeds success successes successful successfully successfulness successionally successive successiveness successors sunnier sunniest sunny sunshine
sunshiny super superb superior superiority superiorly superiors support supported supporter supporters supporting supportive supportiveness supports
supreme supremely supremeness supremer supremest supremo supremos sure surefire surefooted surefootedly surefootedness surely sureness surer surest
sureties surety surprisal surprise surprising surprisingly survived surviving survivor swak sweet sweetheart sweethearts sweetie sweeties sweetly
sweetness sweets swiftly sympathetic sympathy talent talented talents tenderers tenderest tenderhearted tenderheartedly tenderheartednesses tenderly
tenderness terrific terrifically tgif thank thanked thankful thankfuller thankfullest thankfully thankfulness thanks thks thoughtful thoughtfully
thoughtfulness thrill thrilled thrilling thrillingly thrills thx tia tnx tolerance tolerant tops tranquiler tranquilest tranquilities tranquility
tranquillity tranquilly tranquilness treasurable treasure treasured treasurerships treasures treasuring treat triumph triumphal triumphalisms
triumphant triumphantly triumphed triumphing triumphs troubleshooter true trueness truer truest truly trust trustability trustable trusted trustee
truster trustful trustfully trustfulness trustier trusties trustiest trustily trustiness trusting trustingly trustingness trustors trusts
trustworthily trustworthiness trustworthy trusty truth truthful truthfully truthfulness truths tx txs ty tyvm unified united untarnished urw useful
usefully usefulness validate validates validating valuable valuableness valuables valuably value valued values valuing vbg vbs vibrant vigor vigoroso
vigors vindicated vindicates vip virtue virtues virtuosa virtuosas virtuose virtuosic virtuosity virtuoso virtuosos virtuous virtuously virtuousness
vision visionary visioning vital vitalise vitalises vitalising vitalities vitality vitalization vitalize vitalized vitalizes vitalizing vitally vitals
vitamin vivacious vwd vwp warmed warmer warmers warmest warmhearted warmheartedness warmish warmly warmness warms warmth wd wealth wealthier
wealthiest wealthily wealthiness wealthy welcome welcomed welcomely welcomeness welcomer welcomers welcomes welcoming well wellborn welldoer welldoers
welling wellness wells wellspring wellsprings willingness win winnable winned winner winners winning winningly winnings wins wisdom wise wised
wiseliest wisely wiseness wiser wises wisest wisewomen wish won wonderful wonderfully wonderfulness woo woohoo woot worship worshiped worshiper
worshipfully worshipfulness worshiping worshipped worshipping worships worthwhile worthy wow wowed wowing wows wowsers wp wtg x-d x-d x-p x-p xd xd
xlnt xoxo xoxozzz xp xp xqzt yay yeah yeees yep yes yolo youthful yummy yvw yw ywia
""".split()
)

VADER_NEGATIVE = frozenset(
    """
abandon abandoned abandoner abandoners abandoning abandonment abandonments abandons abducted abduction abductions abhor abhorred abhorrent abhors
absentee abuse abused abuser abusers abuses abusing abusive abusively abusiveness abusivenesses accident accidentally accidents accusation accusations
accused accuses ache ached aches aching acrimonious admonished adversarial adversaries adversative adversatives adverse adversities adversity
affectionless afflicted afu aggravate aggravated aggravates aggravating aggress aggressed aggression aggressions aggressively aggressiveness
aggressivities aghast agitate agitated agitatedly agitates agitating agitation agitational agitations agitative agitator agitators agonise agonised
agonises agonising agonize agonized agonizes agonizing agonizingly agony alarm alarmed alarmingly alarmists alarms alas alienation allergic alone
amoral amoralities amorality amorally amort anger angered angering angerly angers angrier angriest angrily angriness angry anguish anguished anguishes
anguishing animosity annoy annoyance annoyances annoyed annoyer annoyers annoying annoys antagonism antagonisms antagonist antagonistic
antagonistically antagonists antagonize antagonized antagonizing anti anxious anxiousness apathetic apathy apocalyptic appall appalled appalling
appallingly appalls apprehension arguable arguably argue argued arguer arguers argues arguing argument argumentative argumentatively argumentive
arguments arrest arrested arrests arrogance arrogances arrogant arrogantly ashamed ashamedly ass assassination assassinations assault assaulted
assaulting assaultive assaults assfucking assholes atab attack attacked attacker attackers attacking attacks aversion aversions aversive avoid
avoidance avoidances avoided avoider avoiders avoiding awful awkwardly awol axed ayor bad badly bamboozle bamboozled bamboozles ban banish bankrupt
bankster banned bastard bastardies bastardise bastardised bastardises bastardising bastardization bastardizations bastardize bastardized bastardizes
bastardizing bastardly bastards bastardy battle battled battlefield battlefront battleground battles battling beaten beating belittle belittled
bereave bereaved bereaves bereaving betray betrayal betrayed betraying betrays bfd bfe biased bitch bitched bitcheries bitchery bitches bitchier
bitchiest bitchily bitchiness bitching bitchy bitter bittered bitterer bitterest bittering bitterish bitterly bitterness bizarre blamable blamably
blame blamed blameful blamefully blamer blamers blames blameworthiness blameworthy blaming blind block blocked blocking bloody bomb bore bored boredom
boredoms borers bores boresome boring bother botheration botherations bothered bothering bothersome boycott boycotted boycotting boycotts brainwashing
broke broken brutal brutalise brutalised brutalises brutalising brutalities brutality brutalization brutalizations brutalize brutalized brutalizes
brutalizing brutally bsod btd bullied bullshit bully bullying bummer burden burdened burdener burdeners burdening burdens burdensome cancel cancelled
cancer careless carelessly carelessness carelessnesses casualty catastrophe catastrophic censor censors chagrin chagrined chaos chaotic charges
charmless chastise chastised chastises chastising cheat cheated cheater cheaters cheating cheats cheerless cheerlessness childish choke choked chokes
choking chucklehead chuckleheaded chuckleheads clueless cocksucker cocksuckers coerced collapse collapsed collapses collapsing collides collision
collisions colluding combat comfortless compassionless complain complainants complained complainer complainers complainingly complains complaint
complaints condemn condemnation condemned condemns conflict conflicting conflictive conflicts confrontation confrontational confrontationist
confrontationists confrontations confronters confused confusedness confuses confusingly confusion confusional conspiracy contagion contagions
contagious contempt contemptibilities contemptible contemptibleness contemptibly contempts contemptuous contemptuously contemptuousness contentious
contradict contradictable contradicted contradicting contradiction contradictions contradictious contradictor contradictoriness contradictors
contradictory contradicts controversially cornered corpse cover-up coward cowardly crap crappy crash crazily craziness crazinesses crazy crestfallen
cried cries crime criminal criminals crisis critic critical criticise criticised criticises criticising criticism criticizable criticize criticized
criticizer criticizers criticizes criticizing critics crude crudely crudeness crudenesses cruder crudes crudest cruel crueler cruelest crueller
cruellest cruelly cruelness cruelties cruelty crushed crushes crushing cry crying cunt cunts curse cut cuts cwot cynic cynical cynically cynicism
cynicisms damage damaged damager damagers damages damaging damagingly damn damnable damnableness damnably damnation damnations damnatory damned
damnified damnifies damnify damnifying damning damningly damnit damns danger dangered dangering dangerous dangerously dangerousness dangers darkest
darkness dead deadlock deafening dearth death debt decay decayed decayer decayers decaying decays deceit deceitful deceive deceived deceives deceiving
deception defeat defeated defeater defeating defeatism defeatist defeatists defeats defeature defeatures defect defected defecting defection
defections defective defectively defectiveness defectives defector defectors defects defenseless defenselessly defenselessness defer deficit
degradable degradation degradations degradative degrade degraded degrader degraders degrades degrading degradingly dehumanize dehumanized dehumanizes
dehumanizing deject dejected dejecting dejects delay demoralized denied denier deniers denies denounce denounces deny denying depress depressant
depressants depressed depresses depressible depressing depressingly depression depressions depressive depressively depressives depressor depressors
deprival deprivals deprivation deprivations deprive deprived depriver deprivers deprives depriving derail derailed derails deride derides deriding
derision despair despaired despairer despairers despairing despairingly despairs desperate desperately desperateness desperation desperations despise
despised despisement despisements despiser despisers despises despising despondent destroy destroyed destroyer destroyers destroying destroys destruct
destructed destructibility destructible destructing destruction destructionist destructionists destructions destructive destructively destructiveness
destructivity destructs detain detained detention devastate devastated devastates devastating devastatingly devastation devastations devastative
devastator devastators devil deviled deviling devilish devilishly devilishness devilkin devilled devilling devilment devilments devilries devilry
devils deviltries deviltry devilwoods dick dickhead die died difficult difficulties difficultly difficulty diffident dipshit dire direful dirt dirtier
dirtiest dirty disabling disadvantage disadvantaged disadvantageous disadvantageously disadvantageousness disadvantages disagree disagreeable
disagreeableness disagreeablenesses disagreeably disagreed disagreeing disagreement disagreements disagrees disappears disappoint disappointed
disappointedly disappointing disappointingly disappointment disappointments disappoints disaster disasters disastrous disbelieve discard discarded
discards discomfort discomfortable discomforted discomforting discomforts disconsolate disconsolation discontented discord discourage discourageable
discouraged discouragement discouragements discourager discouragers discourages discouraging discouragingly discredited disdain disgrace disgraced
disguise disguised disguises disguising disgust disgusted disgustedly disgustful disgusting disgustingly disgusts dishearten disheartened
disheartening dishearteningly disheartenment disheartenments disheartens dishonest disillusion disillusioned disillusioning disillusionment
disillusionments disillusions disinclined disjointed dislike disliked dislikes disliking dismal dismay dismayed dismaying dismayingly dismays disorder
disorganized disoriented disparage disparaged disparages disparaging displeased dispute disputed disputes disputing disqualified disquiet disregard
disregarded disregards disrespect disrespected disruption disruptions disruptive dissatisfaction dissatisfactions dissatisfactory dissatisfied
dissatisfies dissatisfy dissatisfying distort distorted distorting distorts distract distractable distracted distractibility distractible distracting
distractingly distraction distractions distractive distracts distraught distress distressed distresses distressful distressfully distressfulness
distressing distressingly distrust distrusted distrustful distrustfully distrustfulness distrusting distrusts disturb disturbance disturbances
disturbed disturber disturbers disturbing disturbingly disturbs doa dolorous dominating doom doomed doomful dooming dooms doomsayers doomsaying
doomsayings doomsday doomsdayer doomsdays doomster doomsters doomy dork dorkier dorkiest dorky doubt doubtable doubted doubter doubters doubtful
doubtfully doubtfulness doubting doubtingly doubts douche douchebag downcast downhearted downside drained dread dreaded dreadful dreadfully
dreadfulness dreadfuls dreading dreads dreary drop drown drowned drowns drunk dubious dud dull dullard dullards dulled duller dullest dulling dullish
dullness dullnesses dulls dullsville dully dumb dumbass dumbed dumber dumbest dumbfounded dumbfounder dumbfounders dumbhead dumbheads dumbly dumbness
dumbs dumbstruck dump dumped dumper dumpier dumpiest dumpiness dumping dumpings dumpish dumps dumpsters dumpy dupe duped dx dynamiter dysfunction
eerie effin egotism egotisms egotist egotistic egotistically egotists embarrass embarrassable embarrassed embarrassedly embarrasses embarrassing
embarrassingly embarrassment embarrassments emergency emptiest emptily emptiness emptinesses enemies enemy ennui enrage enraged enrages enraging
enslave enslaved enslaves envied envier enviers envious envy envyingly erroneous error errors eviction evil evildoer evildoers evildoing evildoings
eviler evilest eviller evillest evilly evilness evils exasperated excluded exclusion excruciate excruciated excruciates excruciating excruciatingly
excruciation excruciations exhaust exhausted exhauster exhausters exhaustible exhausting exhaustion exhaustions exhaustiveness exhausts expel expelled
expelling expels exploited exploiting exploits exposing fag faggot faggots fail failed failing failingly failings fails failure failures faithless
faithlessness fake fakes faking fallen falsified falsify farce fascist fatal fatalisms fatalistic fatalists fatalities fatality fatally fatigue
fatigued fatigues fatiguing fatiguingly fault faulted faultfinders faultfinding faultier faultiest faultily faultiness faulting faults faulty fcol
fear feared fearful fearfuller fearfullest fearfully fearfulness fearing fears fearsome feeble felonies felony ferociously ferociousness ferocities
feud feudalistic feuded feuding feudist feuds ffs fiasco fidgety fiery fight fighting fightings fights fire fired firing fkm flawed flop flops flu
flunk flunked flunker flunkers flunkey flunkies flunking flunks flunky flustered foe foeman foes foetid foetor foetors fool fooled fooleries foolery
foolhardier foolhardiest foolhardily foolhardiness foolhardy fooling foolish foolisher foolishest foolishly foolishness foolishnesses fools forbid
forbiddance forbiddances forbidden forbidder forbidders forbidding forbiddingly forbids forced foreclosures forgetful fought foughten frantic
frantically fraud frauds fraudster fraudsters fraudulence fraudulent freak freaked freakier freakiest freakiness freaking freakish freakishness
freakout freakouts freaky freebooter freeload freeloaded freeloading freeloads freezingly frenzy friendless fright frighted frighten frightened
frightening frighteningly frightens frightful frightfully frightfulness frighting frights frowning frustrate frustrated frustrates frustrating
frustratingly frustration frustrations fu fubar fuck fucked fucker fuckers fuckface fuckhead fucks fucktard fud fuked fuking fume fumed fuming funeral
funerals furious furiously fury futile gag gagged ghost glamourless gloom gloomed gloomful gloomier gloomiest gloominess gloominesses glooming glum
goddam goddammed goddamn goddamned goddamns goddams gossiped gossiper gossipers gossiping gossipmonger gossipmongers gossipped gossipping gossipry
gossips gossipy grave graveless gravely graveness graver gravers graves gravesides gravest graveyard graveyards greed greedier greediest greedily
greediness greeds greedy greenwash grief grievance grievances grievants grieve grieved griever grieves grieving grievous grievously grievousness grim
grimace grimaced grimaces grimacing grime grimed grimes grimier griminess grimly grimmer grimy gross grossest grossness grouch grouchier grouchiest
grouchily grouchiness grouching grouchy guilt guiltier guiltiest guiltily guiltiness guilts guilty gullibility gullible gun hacked hapless haplessness
harass harassed harasser harassers harasses harassing harassment harassments hardship harm harmed harmfully harmfulness harming harms harried harsh
harsher harshest hate hated hateful hatefully hatefulness hater haters hates hating hatred haunt haunted haunting haunts havoc heartbreak heartbreaker
heartbreakers heartbreaking heartbreakingly heartbreaks heartbroken heartless heartlessly heartlessness heavyhearted hell hellish helpless helplessly
helplessness helplessnesses heroin heroinism hesitancies hesitant hesitantly hesitate hesitated hesitater hesitaters hesitates hesitating hesitatingly
hesitation hesitations hiding hindrance hoax homesickness homesicknesses hooligan hooliganism hooligans hopeless hopelessly hopelessness horrendous
horrendously horrible horribleness horribles horribly horrid horridly horridness horridnesses horrific horrifically horrified horrifies horrify
horrifying horrifyingly horror horrors hostile hostilely hostiles hostilities hostility humiliate humiliated humiliates humiliating humiliatingly
humiliation humiliations humorless humorlessness hunger hurt hurter hurters hurtful hurtfully hurtfulness hurting hurtles hurtling hurts hypocritical
hysteria hysterics idealess idealless idiot idiotic ignorable ignorami ignoramus ignoramuses ignorance ignorances ignorant ignorantly ignorantness
ignore ignored ignorer ignores ignoring ill illegal illiteracy illness illnesses imbecile immobilized immoral immoralism immoralist immoralists
immoralities immorally impatience impatient impatiently imperfect impersonal impolite impolitely impoliteness impolitenesses impose impotent
imprisoned inability inaction inadequacies inadequacy inadequate inadequately inadequateness inadequatenesses incapable incapacitated incensed
incompetence incompetent inconsiderate inconvenience inconvenient indecisions indecisive indecisiveness indignant indignation indoctrinate
ineffectively ineffectiveness ineffectual ineffectuality ineffectually ineffectualness infected inferior inferiorities inferiority inferiorly inflamed
infringement infuriate infuriated infuriates infuriating inhibit inhibition inhibitive inhibitors inhibitory injured injury injustice inquisition
insane insanity insecure insecurely insecureness insecurities insecurity insensitivity insignificant insincere insincerely insincerity insipid insult
insulted insulter insulters insulting insultingly insults interrogated interrupt interrupted interrupter interrupters interruptible interrupting
interruption interruptions interruptive interruptor interrupts intimidated intimidates intimidating intimidatingly intimidation intimidations
intimidator intimidators intimidatory irate irrational irrationalism irrationalist irrationalists irrationalities irrationality irrationally
irrationals irresolute irresponsible irritabilities irritability irritable irritableness irritably irritant irritants irritate irritated irritates
irritating irritatingly irritation irritations irritative isolated isolates isolation itchy jackass jackasses jaded jailed jealous jealousies
jealously jealousness jealousy jealz jeopardy jerk jerks joyless joylessly joylessness jumpy kia kill killdeer killed killer killers killing killingly
killings killjoy killjoys kills lack lackadaisical lag lagged lagging lags lame lamebrain lamebrained lamebrains lamely lament lamentable
lamentableness lamentably lamentation lamentations lamented lamenter lamenting laments lamer lames lamest laughingstocks lazier laziest lazy leak
leaked lethargic lethargy liar liars libelous lied lies limitation livid loathe loathed loathes loathing lone lonelier loneliest loneliness
lonelinesses lonely loneness loner lonesome lonesomely lonesomeness lonesomes loomed loose lose loser losers loses losing loss losses lossy lost louse
loused louses lousier lousiest lousily lousiness lousing lousy low lowballed lowballs lowbred lowbrow lower lowering lowermost lowery lowest lowlier
lowliest lowlife lowlifes lowlight lowliness lowlinesses lowlives lowly lowness luckless ludicrous ludicrousness lugubrious lunatic lunatics lying mad
maddening madder maddest madly madness maniac maniacally maniacs manipulated manipulating manipulation masochism masochisms masochist masochistic
masochistically masochists meaningless melancholiac melancholias melancholics melancholies melancholy menace menaced mess messed messy mia mindless
misbehave misbehaved misbehaves misbehaving mischief miser miserable miserableness miserably miseries miserliness miserly misers misery misgiving
misinformation misinformed misinterpreted misleading misread misreporting misrepresentation missed missing mistake mistaken mistakenly mistaker
mistakers mistakes mistaking misunderstand misunderstanding misunderstands misunderstood mlm mock mocked mockeries mockers mockery mocking mocks mofo
molest molestation molestations molested molester molesters molesting molests monopolizes mooch mooched moocher moochers mooches mooching moodier
moodiest moodily moodiness moodinesses moody mope moping moron moronic moronically moronity morons motherfucker motherfucking mourn mourned mourner
mourners mournful mournfuller mournfully mournfulness mourning mourningly mourns mubar mumpish murder murdered murderee murderees murderer murderers
murderess murderesses murdering murderous murderously murderousness murders nag nagana nagged nagger naggers naggier naggiest nagging naggy nags naive
nastier nasties nastiest nastily nastiness nastinesses nasty needy negative negativity neglect neglected neglecter neglecters neglectful neglectfully
neglectfulness neglecting neglects nerd nervous nervousness neurotic neurotically nfc nfw niggas nigger nimy nitl nme no nonsense notorious numb
numbest numbing numbingly numbly numbness numbskull numbskulls nuts obliterate obliterated obnoxious obnoxiously obnoxiousness obscene obsess obsesses
obsessing obsession obsessional obsessionally obsessiveness obsolete obstacle obstacles obstinate odd offence offences offend offended offender
offenders offending offends offense offenses offensive offensively offensiveness ominous oppressed oppressive optionless outcry outrage outraged
outrageous outrageously outrageousness outrageousnesses outrages outraging overload overreact overreacted overreacts overstatement overweight pain
pained painful painfuller painfully painfulness paining pains panic panicked panicking panicky panics paranoia paranoiac paranoias paranoid paranoids
passionless pathetic pathetical pathetically penalty peril perjury perpetrator perpetrators perplexed persecute persecuted persecutes persecuting
perturbed perverse perversely perverseness perversion perversions perversities perversity perversive pervert perverted pervertedly pervertedness
perverter perverting perverts pesky pessimism pessimisms pessimist pessimistic pessimistically pessimists petrifaction petrified petrifies petrify
petrifying pettiest phobia phobias phobic phobics pileup pique piss pissant pissants pissed pisser pissers pisses pissing pita piteous pitiable
pitiableness pitiably pitied pitier pitiers pities pitiful pitifuller pitifullest pitifully pitifulness pitiless pitilessly pity pitying pityingly
pleasureless po poison poisoned poisoner poisoners poisoning poisonings poisonous poisonously poisons poisonwood pollute polluted polluter polluters
pollutes poor poorer poorest postpones poverty powerless prblm prblms prejudice prejudiced prejudices prejudicial prejudicially prejudicialness
prejudicing pressure pressures pressuring prick prickle pricklier prickliest prison prisoner prisoners problem problematic problematical
problematically problematics problems profitless promiscuity promiscuously propaganda prosecute prosecuted prosecutes prosecution protest protesting
provoke provoked provokes pseudoscience pu puke puked pukes puking punish punishabilities punishability punishable punished punisher punishers
punishes punishing punishment punishments punitive pushy qq quaking questionable racism racist racists rage raged rageful rages raging rancid
rancidity rancidly rancidness rancidnesses rant ranter ranters rants rape raped raper rapers rapes raping rapist rapists rash rebeldom rebelled
rebelling rebellions rebellious rebelliously rebelliousness recession reckless reek reeked reeker reekers reeking refuse refused refusing regret
regretful regretfully regretfulness regrets regrettable regrettably regretted regretter regretters regretting reject rejected rejectee rejectees
rejecter rejecters rejecting rejectingly rejection rejections rejective rejector rejects reluctance reluctancy reluctant remorse remorseless
remorselessly remorselessness repetitive repress repressed represses repressible repressing repression repressions repressive repressively
repressiveness repressor repressors repulse repulsed resented resentence resentful resentfully resentfulness resenting resentment resentments resents
resign resignation resignations resigned resigner resigners resigns restless restlessly restlessness restrict restricted restricting restriction
restricts retard retarded revenge revengeful revengefully revengefulness revenger revengers revenges ridicule ridiculed ridiculer ridiculers ridicules
ridiculing ridiculous ridiculously ridiculousness ridiculousnesses rigged rigidification rigorous riot riots risk riskier riskiest riskiness
riskinesses risking risks rob robber robing robs rotten rude rudely rudeness ruder rudesby rudest ruin ruinable ruinate ruinated ruinates ruinating
ruination ruinations ruined ruiner ruing ruining ruinous ruinously ruinousness ruins sabotage sad sadden saddened saddening saddens sadder saddest
sadly sadness sapfu sappy sarcastic sarcastically savage savaged savagely savageness savageries savagery savages scam scams scandal scandalous
scandals scapegoat scapegoats scare scared scaremonger scaremongers scarer scarers scares scarey scaring scary sceptic sceptical scold scorn scornful
scream screamed screamers screaming screams screwed screwer screwiest screws screwup screwups screwy scumbag sedition seditious seduced selfish
selfishly selfishness selfishnesses severe severed severely severeness severer severest shakedown shakedowns shakeout shakiest shame shamed shamefaced
shamefacedly shamefacedness shamefast shameful shamefully shamefulness shamefulnesses shameless shamelessly shamelessness shamelessnesses shames
shattered shit shitakes shithead shitheads shits shitted shittier shittiest shitting shitty shock shockable shocked shockers shocking shocks shoot
short-sighted short-sightedness shortage shy shylock shylocking shylocks shyness shynesses shyster sick sicken sickened sickener sickeners sickening
sickeningly sickens sillinesses sin sinful sinister sins skeptical skeptically skepticism skepticisms slam slash slashing slavery sleeplessness
sluggish slut sluts sluttier sluttiest sluttish sluttishly sluttishness sluttishnesses slutty smartass smartasses smear smh smileless smog smother
smothering smothers smothery smugger smuggest smuggle smuggled smuggler smugglers smuggles smuggling smugness smugnesses snafu snob snobbery snobbily
snobbishly snobbishness snobbishnesses snobbism snobby snobs snub snubbed snubs sob sob sobbed sobbing sobs solemnity somber son-of-a-bitch sore
sorrow sorrowed sorrower sorrowful sorrowfully sorrowfulness sorrowing sorrows spam spammer spammers spamming spiritless spite spited spiteful
spitefully spitefulness spitefulnesses spites squelched stab stabbed stabs stammerer stammering stampede stank startle starve starved starves starving
steal stealable stealer stealers stealing stealings steals stench stenches stenchful stenchy stereotype stereotyped stifled stingy stink stinkard
stinkards stinkbugs stinker stinkers stinkier stinkiest stinking stinkingly stinko stinkpot stinks stinky stolen stop strained straining strains
strangely strangled stress stressed stresses stressful stressfully stressing stressor stressors stricken strikes struck struggle struggled struggler
strugglers struggles struggling stubborn stubborner stubbornly stubbornness stubbornnesses stuck stunk stupid stupider stupidest stupidities stupidity
stupidly stupidness stupidnesses stupids stutter stutterer stutterers stuttering stutters submissive submissively suck sucked sucker suckered
suckering suckers sucks sucky suffer suffered sufferer sufferers suffering suffers suicidal suicide suing sulking sullen supremacists suspect suspects
suspend suspended suspicion suspicions suspicious suspiciously suspiciousness sux swearing swindle swindles swindling talentless tantrum tantrums tard
tease teased teaselers teaser teases temper tempers tense tensed tensely tenseness tenser tensest tensing tension tensioner tensioning tensions
terrible terribleness terriblenesses terribly terrified terrifies terrify terrifying terror terrorise terrorised terrorises terrorising terrorism
terrorisms terrorist terroristic terrorists terrorization terrorize terrorized terrorizes terrorizing terrors thief thieve thieved thieveries thievery
thieves thorny thoughtless threat threaten threatened threatener threateners threatening threateningly threatens threating threats ticked timid
timider timidity timidness tired toothless torn torture tortured torturer torturers tortures torturing torturous torturously totalitarian
totalitarianism toughish toughly tragedians tragediennes tragedies tragedy tragic tragical tragically tragics trap trapped trauma traumas traumata
traumatic traumatically traumatise traumatised traumatises traumatising traumatism traumatization traumatizations traumatize traumatized traumatizes
traumatizing travesty treason treasonous tremble trembled tremblers trembling trembly tremulous trickeries trickers trickery trickiest trickiness
trickish tricksiness tricksters trivialises trivialising trivialities trivialize trivializes trouble troubled troublemaker troublemakers troublemaking
troubler troublers troubles troublesome troublesomely troublesomeness troubling troublous troublously trustless tumor turmoil twat ugh uglier uglies
ugliest uglification uglified uglifies uglify uglifying uglily ugliness uglinesses ugly unacceptable unappreciated unapproved unattractive uncertain
uncertainly uncertainness uncertainties uncertainty unclear uncomfortable uncomfortably uncontrollability uncontrollable uncontrollably uncontrolled
unconvinced uncredited underestimate underestimated underestimates undermine undermined undermines undermining undeserving undesirable unease uneasier
uneasiest uneasily uneasiness uneasinesses uneasy unemployment unequal unethical unfair unfocused unfortunate unfortunately unfortunates unfriendly
unfulfilled ungrateful ungratefully ungratefulness unhappier unhappiest unhappily unhappiness unhappinesses unhappy unhealthy unimportant unimpressed
unimpressive unintelligent uninvolved uninvolving unjust unkind unlovable unloved unlovelier unloveliest unloveliness unlovely unloving unmotivated
unpleasant unprofessional unprotected unresearched unsatisfied unsavory unsecured unsettled unsophisticated unstable unsuccessful unsuccessfully
unsupported unsure unsurely unwelcome unworthy upset upsets upsetter upsetters upsetting uptight uptightness useless uselessly uselessness vain
vexation vexing vicious viciously viciousness victim victimhood victimise victimised victimises victimising victimization victimizations victimize
victimized victimizer victimizers victimizes victimizing victims vile villain villainess villainesses villainies villainous villainously
villainousness villains villainy vindicating violate violated violater violaters violates violating violation violations violative violator violators
violence violent violently virtueless virulent vitriolic vulnerableness vulnerably vulture vultures walkout wanker war warfare warfares warmonger
warmongering warmongers warned warning warnings warred warring wars waste wasted wasting weak weaken weakened weakener weakeners weakening weakens
weaker weakest weakhearted weakish weaklier weakliest weakling weaklings weakly weakness weaknesses weakside weapon weaponed weapons weary weep weeper
weepers weepier weepies weepiest weeping weepings weeps weepy weirdie weirdies weirdly weirdo weirdoes weirdos wept whine whiner whines whiney whore
whored whoredom whoredoms whorehouse whorehouses whoremaster whoremasters whoremonger whoremongers whores whoreson whoresons wicked wickeder wickedest
wickedly wickedness wickednesses widowed wimp wimpier wimpiness wimpish wimps wiseacre wiseass wiseasses wisenheimer wisenheimers witch woe woebegone
woebegoneness woeful woefully woefulness woes woesome worn worried worriedly worrier worriers worries worriment worriments worrisome worrisomely
worrisomeness worrit worrits worry worrying worrywart worrywarts worse worsen worsened worsening worsens worser worst worthless wowser wrathful wreck
wrong wronged wtf wth yucky zealot zzz
""".split()
)
