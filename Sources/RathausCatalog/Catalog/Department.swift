/// A department (zuständige Stelle) of the town, read from `Knowledge/stellen/<id>.yaml`.
public struct Department: Sendable, Hashable {
    /// A postal address.
    public struct Address: Sendable, Hashable, Codable {
        /// Street and house number.
        public let street: String
        /// Five-digit postal code.
        public let postalCode: String
        /// Town.
        public let city: String
        /// Building, floor or room, if given.
        public let addition: String?

        /// Creates an address.
        public init(street: String, postalCode: String, city: String, addition: String? = nil) {
            self.street = street
            self.postalCode = postalCode
            self.city = city
            self.addition = addition
        }

        /// One line: "Marktplatz 1, 12345 Musterstadt (Rathaus, Erdgeschoss)".
        public var singleLine: String {
            let base = "\(street), \(postalCode) \(city)"
            return addition.map { "\(base) (\($0))" } ?? base
        }
    }

    /// Stable id, equal to the file name.
    public let id: String
    /// Name shown to citizens.
    public let name: String
    /// Visiting address.
    public let address: Address
    /// Opening hours for citizens, one line per entry: generated from ``hours`` when the file
    /// gives them as rules, followed by the file's hints.
    public let openingHours: [String]
    /// The opening hours as rules, to answer for a given day; nil when the file gives only lines.
    public let hours: OpeningHours?
    /// The file's hints after the opening hours (`oeffnungszeiten_hinweise`), when it gives rules.
    public let openingHourHints: [String]
    /// Names citizens use for the department ("Bürgeramt", "Meldeamt").
    public let names: [String]
    /// Phone number as written for citizens.
    public let phone: String
    /// E-mail address.
    public let email: String

    /// Creates a department whose opening hours are only lines of text.
    public init(id: String, name: String, address: Address, openingHours: [String], phone: String, email: String, names: [String] = []) {
        self.id = id
        self.name = name
        self.address = address
        self.openingHours = openingHours
        self.hours = nil
        self.openingHourHints = []
        self.names = names
        self.phone = phone
        self.email = email
    }

    /// Creates a department whose opening hours are `hours`, with `hints` after their lines, written in `language`.
    public init(
        id: String, name: String, address: Address, hours: OpeningHours, hints: [String], phone: String, email: String, names: [String],
        language: Language = .german
    ) {
        self.id = id
        self.name = name
        self.address = address
        self.openingHours = hours.lines(in: language) + hints
        self.hours = hours
        self.openingHourHints = hints
        self.names = names
        self.phone = phone
        self.email = email
    }
}
