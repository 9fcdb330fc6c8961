/// Name, street and place lists for ``SyntheticLinkageSet``: common in Wales and England, with the accents,
/// apostrophes and nicknames real registers carry. Invented combinations only; no real person's data.
enum SyntheticNames {
    static let femaleForenames = [
        "Elizabeth", "Margaret", "Catherine", "Susan", "Sarah", "Rebecca", "Rhiannon", "Siân", "Angharad", "Ffion",
        "Catrin", "Eleri", "Megan", "Bethan", "Nia", "Cerys", "Elin", "Heledd", "Seren", "Gwenllian", "Emma",
        "Claire", "Helen", "Julie", "Karen", "Joanne", "Nicola", "Amanda", "Deborah", "Patricia", "Jennifer",
        "Victoria", "Louise", "Rachel", "Hannah", "Laura", "Sophie", "Charlotte", "Lucy", "Emily", "Jessica",
        "Zoë", "Chloë", "Siobhán", "Renée", "Alexandra", "Samantha", "Dorothy", "Valerie", "Gillian", "Caroline",
        "Christine", "Pamela", "Abigail", "Eluned", "Mererid", "Lowri", "Carys", "Non", "Mair", "Ceri", "Anwen",
        "Teresa", "Frances", "Eleanor", "Isabella", "Natalie", "Melanie", "Penelope", "Janet", "Diane", "Mary",
    ]
    static let maleForenames = [
        "David", "William", "Robert", "John", "James", "Michael", "Thomas", "Richard", "Anthony", "Andrew",
        "Stephen", "Christopher", "Nicholas", "Peter", "Edward", "Joseph", "Benjamin", "Samuel", "Daniel",
        "Matthew", "Henry", "Charles", "Alexander", "Gareth", "Rhys", "Dafydd", "Owain", "Rhodri", "Dylan",
        "Aled", "Ioan", "Gethin", "Iestyn", "Llŷr", "Tomos", "Huw", "Emyr", "Geraint", "Hywel", "Iwan", "Sion",
        "Ieuan", "Gwilym", "Bryn", "Alun", "Carwyn", "Meirion", "Seán", "José", "Kenneth", "Leonard", "Philip",
        "Raymond", "Ronald", "Donald", "Douglas", "Timothy", "Gregory", "Geoffrey", "Frederick", "Patrick",
        "Mark", "Paul", "Simon", "Neil", "Ian", "Kevin", "Jason", "Lee", "Craig", "Wayne", "Darren", "Dean",
    ]
    /// Surnames most common in Wales, in rough order of frequency (Jones alone is about one in twenty).
    static let commonSurnames = [
        "Jones", "Williams", "Davies", "Evans", "Thomas", "Roberts", "Hughes", "Lewis", "Morgan", "Griffiths",
        "Edwards", "Smith", "James", "Rees", "Jenkins", "Owen", "Price", "Phillips", "Moss", "Richards",
        "Parry", "Powell", "Lloyd", "Morris", "Pugh", "Harris", "Watkins", "Probert", "Bowen", "Vaughan",
        "Pritchard", "Howells", "Llewellyn", "Prosser", "Brown", "Taylor", "Wilson", "Johnson", "Walker",
        "Wright", "Robinson", "Thompson", "White", "Hall", "Green", "Clarke", "Wood", "Jackson", "Turner",
        "O'Brien", "D'Arcy", "McCarthy", "MacDonald", "Ap Rhys", "De La Cruz", "Ní Bhriain", "Müller", "Kowalski",
    ]
    // Syllables for the long tail of rarer surnames.
    static let surnameStarts = [
        "Ash", "Bar", "Black", "Brad", "Bram", "Cal", "Car", "Chad", "Cold", "Craw", "Dal", "Dun", "Elm", "Fair",
        "Far", "Fen", "Gar", "Glen", "Gold", "Gran", "Hal", "Hart", "Haw", "Hol", "Kent", "Kings", "Lang", "Lind",
        "Marsh", "Mel", "Mill", "Moor", "Nor", "Oak", "Pen", "Pem", "Ral", "Red", "Rich", "Ros", "Sal", "Shaw",
        "Stan", "Stock", "Sud", "Tal", "Thorn", "Tre", "Wal", "Wes", "Whit", "Win", "Wor", "Yar", "Bryn", "Llan",
    ]
    static let surnameMiddles = ["", "", "", "a", "e", "er", "en", "ing", "ley", "s", "ow", "ham", "ring", "ble"]
    static let surnameEnds = [
        "ton", "ford", "wood", "field", "ley", "by", "worth", "dale", "son", "well", "combe", "ridge", "cott",
        "hurst", "more", "den", "wick", "gate", "bury", "stead", "man", "er", "ett", "all", "ock", "in", "ey",
    ]
    static let streets = [
        "High", "Church", "Station", "Castle", "Park", "Victoria", "Mill", "Bridge", "Heol y", "Queen", "King",
        "North", "West", "Cathedral", "Cowbridge", "Newport", "Llandaff", "Oak", "Elm", "Chapel", "School",
        "Mount Pleasant", "Alexandra", "Windsor", "Clarence", "Pentre", "Cae", "Bryn", "Glan", "Maes", "Ffordd",
        "Ash", "Beech", "Willow", "Cedar", "Meadow", "Orchard", "Riverside", "Greenfield", "Hillside", "Min y Nant",
    ]
    static let streetTypes = [
        ("Road", "Rd"), ("Street", "St"), ("Avenue", "Ave"), ("Lane", "Ln"), ("Close", "Cl"), ("Drive", "Dr"),
        ("Crescent", "Cres"), ("Place", "Pl"), ("Terrace", "Tce"), ("Gardens", "Gdns"), ("Court", "Ct"),
    ]
    static let towns = [
        "Cardiff", "Swansea", "Newport", "Wrexham", "Barry", "Neath", "Bridgend", "Llanelli", "Merthyr Tydfil",
        "Caerphilly", "Pontypridd", "Aberystwyth", "Bangor", "Carmarthen", "Abergavenny", "Cwmbran", "Penarth",
        "Rhyl", "Haverfordwest", "Brecon", "Bristol", "Gloucester", "Chester", "Hereford", "Shrewsbury",
    ]
    static let postcodeDistricts: [String] = {
        var districts: [String] = []
        for number in 1...48 { districts.append("CF\(number)") }
        for number in 1...73 { districts.append("SA\(number)") }
        for number in 10...44 { districts.append("NP\(number)") }
        for number in 11...78 { districts.append("LL\(number)") }
        for number in 1...16 { districts.append("BS\(number)") }
        for number in 14...25 { districts.append("SY\(number)") }
        return districts
    }()
    static let emailDomains = ["example.org", "example.net", "example.com", "mail.example", "nhs.example"]
    static let dummyNames: [(String?, String?)] = [
        ("TEST", "PERSON"), ("Dummy1", "Dummy"), ("Spare", "Badge"), (nil, "Control"), ("Visitor", "3"),
        ("Unknown", "Unknown"), ("temp", "Staff"), ("XXX", "XXX"), (nil, "Test, Test"), ("t e s t", "user"),
        ("Spare", "Badge 12"), ("Control", "Dosemeter"), ("Dummy", "Record"), ("A", "Test"), ("Visitor", "Badge"),
    ]
}
