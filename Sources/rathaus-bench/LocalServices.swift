/// Services a town may offer beyond the shared catalogue, for the generated Land: each with the
/// examples a town's staff would write and other phrasings, never given to the matcher, that the
/// `towns` scenario asks with.
enum LocalServices {
    /// One local service.
    struct Service {
        let id: String
        let name: String
        let summary: String
        let cost: String
        /// The examples in the town's intent file.
        let examples: [String]
        /// Other ways of asking, to measure recognition.
        let questions: [String]
    }

    /// The pool a town draws its own services from.
    static let pool: [Service] = [
        Service(
            id: "grillplatz-reservieren", name: "Grillplatz reservieren", summary: "Den Grillplatz im Stadtpark reservieren Sie beim Bürgerservice.",
            cost: "Grillplatz für einen Tag: 25,00 Euro",
            examples: ["grillplatz reservieren", "kann man im park grillen", "grillhütte mieten", "wo darf ich grillen", "grillplatz buchen"],
            questions: ["ist die grillhütte am wochenende noch frei", "wir wollen im stadtpark grillen was müssen wir tun"]),
        Service(
            id: "buergerhaus-mieten", name: "Saal im Bürgerhaus mieten",
            summary: "Den Saal im Bürgerhaus vermietet die Gemeinde für Feiern und Versammlungen.",
            cost: "Saal für einen Abend: 150,00 Euro",
            examples: [
                "bürgerhaus mieten", "saal für eine feier mieten", "raum für geburtstag im bürgerhaus", "was kostet der saal im bürgerhaus",
                "bürgerhaus buchen",
            ],
            questions: ["wir suchen einen raum für unsere hochzeitsfeier", "kann ich das bürgerhaus für einen vereinsabend haben"]),
        Service(
            id: "grabnutzungsrecht-verlaengern", name: "Grabnutzungsrecht verlängern",
            summary: "Das Recht an einer Grabstätte verlängert die Friedhofsverwaltung auf Antrag.",
            cost: "Verlängerung je Jahr und Grabstelle: 40,00 Euro",
            examples: [
                "grab verlängern", "grabnutzungsrecht verlängern", "ruhezeit des grabes läuft ab", "friedhof grabstelle verlängern",
                "grabstätte weiter behalten",
            ],
            questions: ["das grab meiner oma läuft bald aus", "wie lange kann ich die grabstelle noch behalten"]),
        Service(
            id: "wochenmarkt-standplatz", name: "Standplatz auf dem Wochenmarkt",
            summary: "Einen Standplatz auf dem Wochenmarkt vergibt das Marktamt.",
            cost: "Standgeld je Markttag und laufendem Meter: 2,50 Euro",
            examples: [
                "standplatz wochenmarkt", "marktstand anmelden", "auf dem markt verkaufen", "standgeld wochenmarkt",
                "händler auf dem wochenmarkt werden",
            ],
            questions: ["ich möchte samstags eier auf dem markt verkaufen", "wie bekomme ich einen stand auf dem markt"]),
        Service(
            id: "freibad-saisonkarte", name: "Saisonkarte für das Freibad",
            summary: "Saisonkarten für das Freibad gibt es an der Kasse und im Bürgerservice.",
            cost: "Saisonkarte Erwachsene: 60,00 Euro",
            examples: [
                "saisonkarte freibad", "dauerkarte schwimmbad", "freibad jahreskarte kaufen", "was kostet die saisonkarte im freibad",
                "freibadkarte für den sommer",
            ],
            questions: ["gibt es eine karte für den ganzen sommer im bad", "wo kaufe ich eine dauerkarte fürs schwimmen"]),
        Service(
            id: "buecherei-ausweis", name: "Ausweis der Stadtbücherei", summary: "Den Leseausweis der Stadtbücherei bekommen Sie an der Ausleihe.",
            cost: "Leseausweis für ein Jahr: 12,00 Euro",
            examples: [
                "bücherei ausweis", "leseausweis beantragen", "mitglied in der bibliothek werden", "bibliotheksausweis", "stadtbücherei anmelden",
            ],
            questions: ["ich möchte mir bücher ausleihen", "was kostet die bibliothek im jahr"]),
        Service(
            id: "brauchtumsfeuer-anmelden", name: "Osterfeuer anmelden",
            summary: "Ein Brauchtumsfeuer wie das Osterfeuer melden Sie beim Ordnungsamt an.",
            cost: "Anmeldung: 0,00 Euro",
            examples: [
                "osterfeuer anmelden", "brauchtumsfeuer anmelden", "martinsfeuer genehmigung", "osterfeuer erlaubnis", "feuer zu ostern machen",
            ],
            questions: ["unser verein will an ostern ein großes feuer machen", "brauchen wir für das osterfeuer eine genehmigung"]),
        Service(
            id: "ferienspiele-anmelden", name: "Ferienspiele anmelden", summary: "Zu den Ferienspielen melden Sie Ihr Kind beim Jugendbüro an.",
            cost: "Teilnahme je Woche: 30,00 Euro",
            examples: [
                "ferienspiele anmelden", "ferienprogramm für kinder", "sommerferien betreuung anmelden", "ferienfreizeit der gemeinde",
                "kind zu den ferienspielen",
            ],
            questions: ["was können die kinder in den sommerferien machen", "gibt es eine betreuung in den ferien"]),
        Service(
            id: "musikschule-anmelden", name: "An der Musikschule anmelden",
            summary: "Zum Unterricht an der Musikschule melden Sie sich im Sekretariat an.",
            cost: "Einzelunterricht im Monat: 65,00 Euro",
            examples: [
                "musikschule anmelden", "klavierunterricht musikschule", "gitarre lernen musikschule", "anmeldung musikschule",
                "instrument lernen kind",
            ],
            questions: ["meine tochter möchte geige spielen lernen", "was kostet der unterricht an der musikschule"]),
        Service(
            id: "sandsaecke-abholen", name: "Sandsäcke bei Hochwasser", summary: "Bei Hochwasser gibt der Bauhof Sandsäcke aus.",
            cost: "Sandsäcke: 0,00 Euro",
            examples: [
                "sandsäcke abholen", "sandsäcke hochwasser", "wo gibt es sandsäcke", "keller vor hochwasser schützen sandsack", "bauhof sandsäcke",
            ],
            questions: ["das wasser steigt, wo bekomme ich säcke mit sand", "brauche sandsäcke für meinen keller"]),
    ]
}
