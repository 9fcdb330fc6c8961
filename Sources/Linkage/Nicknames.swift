/// A small built-in table of common UK English and Welsh nicknames and the formal names they stand for
/// (`bob` → `robert`, `dai` → `david`, `bethan`'s `beth` …), all folded to lower case.
///
/// Christen's "Data Matching" (2012, §3.4) recommends standardising given names through such look-up tables
/// before comparing them; this one is deliberately short and unambiguous enough to be safe.
public enum Nicknames {
    /// Nickname → formal names, as written pairs (nickname first).
    static let pairs: [(String, String)] = [
        ("bob", "robert"), ("bobby", "robert"), ("rob", "robert"), ("robbie", "robert"), ("bert", "robert"),
        ("bill", "william"), ("billy", "william"), ("will", "william"), ("willie", "william"), ("liam", "william"),
        ("wil", "william"), ("gwil", "gwilym"),
        ("liz", "elizabeth"), ("lizzie", "elizabeth"), ("beth", "elizabeth"), ("betty", "elizabeth"),
        ("bet", "elizabeth"), ("eliza", "elizabeth"), ("libby", "elizabeth"), ("elsie", "elizabeth"),
        ("lisa", "elizabeth"), ("beth", "bethan"), ("beth", "bethany"),
        ("dai", "david"), ("dave", "david"), ("davy", "david"), ("dafydd", "david"), ("dewi", "david"),
        ("jim", "james"), ("jimmy", "james"), ("jamie", "james"), ("jack", "john"), ("johnny", "john"),
        ("ieuan", "john"), ("ifan", "john"), ("evan", "john"), ("sion", "john"), ("ian", "john"),
        ("mike", "michael"), ("mick", "michael"), ("mickey", "michael"),
        ("tom", "thomas"), ("tommy", "thomas"), ("twm", "thomas"),
        ("dick", "richard"), ("rick", "richard"), ("rich", "richard"), ("richie", "richard"),
        ("tony", "anthony"), ("ant", "anthony"), ("andy", "andrew"), ("drew", "andrew"),
        ("steve", "stephen"), ("steve", "steven"), ("stephen", "steven"), ("chris", "christopher"),
        ("chris", "christine"), ("kit", "christopher"), ("nick", "nicholas"), ("nicky", "nicholas"),
        ("pete", "peter"), ("ed", "edward"), ("eddie", "edward"), ("ted", "edward"), ("ned", "edward"),
        ("joe", "joseph"), ("joey", "joseph"), ("ben", "benjamin"), ("sam", "samuel"), ("sam", "samantha"),
        ("dan", "daniel"), ("danny", "daniel"), ("matt", "matthew"), ("harry", "henry"), ("hal", "henry"),
        ("alf", "alfred"), ("fred", "frederick"), ("freddie", "frederick"), ("charlie", "charles"),
        ("chas", "charles"), ("chuck", "charles"), ("alex", "alexander"), ("sandy", "alexander"),
        ("alex", "alexandra"), ("sandra", "alexandra"), ("gerry", "gerald"), ("jerry", "gerald"),
        ("geoff", "geoffrey"), ("jeff", "jeffrey"), ("greg", "gregory"), ("ken", "kenneth"),
        ("kenny", "kenneth"), ("len", "leonard"), ("lenny", "leonard"), ("les", "leslie"), ("phil", "philip"),
        ("ray", "raymond"), ("reg", "reginald"), ("ron", "ronald"), ("ronnie", "ronald"), ("don", "donald"),
        ("doug", "douglas"), ("terry", "terence"), ("tim", "timothy"), ("vic", "victor"), ("wyn", "wynford"),
        ("huw", "hugh"), ("hughie", "hugh"), ("gaz", "gareth"), ("rhys", "rees"),
        ("llew", "llewellyn"), ("llew", "llywelyn"), ("llewellyn", "llywelyn"),
        ("kate", "katherine"), ("katie", "katherine"), ("kath", "katherine"), ("kathy", "katherine"),
        ("cath", "catherine"), ("cathy", "catherine"), ("kate", "catherine"), ("katherine", "catherine"),
        ("kathryn", "catherine"), ("kathryn", "katherine"), ("katy", "catherine"),
        ("maggie", "margaret"), ("meg", "margaret"), ("peggy", "margaret"), ("marged", "margaret"),
        ("mags", "margaret"), ("megan", "margaret"), ("jenny", "jennifer"), ("jen", "jennifer"),
        ("jo", "joanne"), ("jo", "josephine"), ("jo", "joanna"), ("sue", "susan"), ("susie", "susan"),
        ("sue", "suzanne"), ("pat", "patricia"), ("patty", "patricia"), ("trish", "patricia"),
        ("pat", "patrick"), ("paddy", "patrick"), ("debbie", "deborah"), ("deb", "deborah"),
        ("mandy", "amanda"), ("becky", "rebecca"), ("becca", "rebecca"), ("vicky", "victoria"),
        ("tori", "victoria"), ("nikki", "nicola"), ("nicky", "nicola"), ("val", "valerie"),
        ("viv", "vivienne"), ("annie", "anne"), ("ann", "anne"), ("nan", "anne"), ("nancy", "anne"),
        ("gwen", "gwendoline"), ("gwen", "gwenllian"), ("nia", "rhiannon"), ("sian", "jane"),
        ("jane", "janet"), ("jan", "janet"), ("jan", "janice"), ("di", "diane"), ("di", "diana"),
        ("dot", "dorothy"), ("dottie", "dorothy"), ("dolly", "dorothy"), ("eve", "evelyn"),
        ("fran", "frances"), ("frankie", "frances"), ("frank", "francis"), ("franny", "frances"),
        ("gill", "gillian"), ("jill", "gillian"), ("helen", "helena"), ("ellie", "eleanor"),
        ("nell", "eleanor"), ("nellie", "helen"), ("lou", "louise"), ("lulu", "louise"),
        ("mel", "melanie"), ("mel", "melissa"), ("molly", "mary"), ("polly", "mary"), ("mair", "mary"),
        ("mari", "mary"), ("rose", "rosemary"), ("rosie", "rosemary"), ("sally", "sarah"), ("sara", "sarah"),
        ("steph", "stephanie"), ("tess", "theresa"), ("tessa", "theresa"),
        ("theresa", "teresa"), ("bella", "isabella"), ("izzy", "isabel"), ("isabel", "isabella"),
        ("abby", "abigail"), ("abbie", "abigail"), ("carol", "caroline"), ("carrie", "caroline"),
        ("chrissie", "christine"), ("tina", "christine"), ("kirsty", "christine"), ("em", "emma"),
        ("emmy", "emily"), ("hattie", "harriet"), ("jess", "jessica"), ("jessie", "jessica"),
        ("lucy", "lucinda"), ("maddie", "madeleine"), ("nat", "natalie"), ("nat", "nathan"),
        ("pam", "pamela"), ("penny", "penelope"), ("ros", "rosalind"), ("sam", "samuel"),
        ("wendy", "gwendolen"), ("bryn", "brynmor"), ("ieu", "ieuan"), ("elis", "ellis"),
    ]

    // Each folded name → the group keys (formal names) it belongs to, itself included.
    private static let groups: [String: Set<String>] = {
        var table: [String: Set<String>] = [:]
        for (nickname, formal) in pairs {
            table[nickname, default: [nickname]].insert(formal)
            table[formal, default: [formal]].insert(formal)
        }
        return table
    }()

    /// The formal names `name` may stand for (folded), not including `name` itself unless it is formal.
    public static func formalNames(for name: String) -> Set<String> {
        let folded = TextFolding.fold(name)
        return (groups[folded] ?? []).subtracting([folded])
    }

    /// Whether `a` and `b` (folded given names) can be the same name: equal, or a nickname of one another,
    /// or nicknames of the same formal name.
    public static func areEquivalent(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        guard let left = groups[a], let right = groups[b] else { return false }
        return !left.isDisjoint(with: right)
    }
}
