/* hd-demo-data.c — the tables the demo data set is made from
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Hubs, regions and institutions are the real ones of the Digital Hub
 * network of Baden-Württemberg; places carry their real postcodes and
 * dialling codes. Companies and people are made up from the name lists.
 */
#include "hd-demo-data.h"

enum {
  T_KI, T_SECURITY, T_CLOUD, T_BUSINESS_MODELS, T_DATA, T_SOCIAL, T_INDUSTRY,
  T_HEALTH, T_CHEMISTRY, T_SALES, T_FUNDING, T_FOUNDING, T_PRIVACY,
  T_COMMERCE, T_ADDITIVE, T_NEW_WORK, T_SUSTAINABILITY,
};

static const HdDemoTopic topics[] = {
  [T_KI] = { "KI im Mittelstand", "KI", { "KI", "Mittelstand", NULL },
    { "erste Schritte mit eigenen Daten", "Anwendungsfälle aus der Region",
      "Chancen und Grenzen" },
    { "Was KI heute im Mittelstand leisten kann",
      "Praxisbeispiel: Qualitätsprüfung mit Bildverarbeitung",
      "Sprachmodelle sicher im Unternehmen nutzen",
      "Vom Pilotprojekt in den Betrieb" },
    "Wie können kleine und mittlere Unternehmen künstliche Intelligenz "
    "gewinnbringend einsetzen? Wir zeigen Beispiele aus der Praxis, "
    "sprechen über Daten, Kosten und Recht und lassen viel Raum für Fragen." },
  [T_SECURITY] = { "IT-Sicherheit für KMU", "IT-Sicherheit",
    { "IT-Sicherheit", "KMU", NULL },
    { "Phishing erkennen und abwehren", "der Notfallplan für den Ernstfall",
      "NIS2 verständlich erklärt" },
    { "Aktuelle Bedrohungslage für KMU",
      "Live-Hacking: So einfach gelingt ein Angriff",
      "Backup-Strategien, die im Ernstfall tragen",
      "Sicherheitsbewusstsein im Team verankern" },
    "Ein Angriff kann jeden Betrieb treffen. Wir zeigen, wo die typischen "
    "Schwachstellen liegen und welche Maßnahmen mit wenig Aufwand viel "
    "Sicherheit bringen." },
  [T_CLOUD] = { "Cloud-Lösungen für den Mittelstand", "Cloud",
    { "Cloud", "IT-Infrastruktur", NULL },
    { "sicher migrieren", "Kosten im Griff behalten",
      "souveräne Angebote aus Europa" },
    { "Cloud oder eigener Server? Eine Entscheidungshilfe",
      "Microsoft 365 datenschutzkonform einsetzen",
      "Souveräne Cloud-Angebote aus Europa",
      "Migration Schritt für Schritt" },
    "Software aus der Cloud spart Wartung und macht mobiles Arbeiten "
    "leicht. Wir besprechen Anbieter, Verträge, Datenschutz und den Weg "
    "dorthin." },
  [T_BUSINESS_MODELS] = { "Digitale Geschäftsmodelle", "Geschäftsmodelle",
    { "Geschäftsmodelle", "Innovation", NULL },
    { "vom Produkt zum Service", "Ideen systematisch entwickeln",
      "Plattformen für den Mittelstand" },
    { "Business Model Canvas in der Praxis",
      "Vom Produkt zum Service",
      "Plattformökonomie für KMU",
      "Praxisbericht: Abo-Modell im Maschinenbau" },
    "Digitalisierung verändert, womit Unternehmen Geld verdienen. In "
    "kleinen Gruppen entwickeln wir Ideen für neue Angebote rund um "
    "bestehende Produkte." },
  [T_DATA] = { "Datenanalyse und Business Intelligence", "Datenanalyse",
    { "Daten", "Business Intelligence", NULL },
    { "Entscheidungen auf Datenbasis", "Dashboards ohne Programmierung",
      "Datenqualität im Alltag" },
    { "Daten sammeln, bevor man sie braucht",
      "Dashboards mit freien und kommerziellen Werkzeugen",
      "Datenqualität als Erfolgsfaktor",
      "Praxisbeispiel: Absatzprognose im Handel" },
    "Die meisten Betriebe haben mehr Daten, als sie nutzen. Wir zeigen, "
    "wie aus Tabellen und Maschinendaten verlässliche Kennzahlen werden." },
  [T_SOCIAL] = { "Social Media für Unternehmen", "Social Media",
    { "Social Media", "Marketing", NULL },
    { "Sichtbarkeit mit wenig Aufwand", "LinkedIn für B2B",
      "Fachkräfte über soziale Netzwerke gewinnen" },
    { "LinkedIn für B2B-Unternehmen",
      "Redaktionsplanung mit wenig Aufwand",
      "Arbeitgebermarke auf Instagram",
      "Rechtliche Fallstricke in sozialen Netzwerken" },
    "Kundinnen, Partner und Bewerber informieren sich online. Wir zeigen, "
    "wie ein Betrieb mit einem realistischen Zeitbudget sichtbar wird." },
  [T_INDUSTRY] = { "Industrie 4.0 in der Fertigung", "Industrie 4.0",
    { "Industrie 4.0", "Produktion", "Future Industries" },
    { "vernetzte Produktion", "der digitale Zwilling",
      "Retrofit für Bestandsmaschinen" },
    { "Vernetzte Produktion mit OPC UA",
      "Vorausschauende Wartung im Praxistest",
      "Digitaler Zwilling für KMU",
      "Retrofit: alte Maschinen vernetzen" },
    "Maschinen, Sensoren und Software wachsen zusammen. Wir zeigen "
    "bezahlbare Schritte zur vernetzten Fertigung, auch für Betriebe mit "
    "älterem Maschinenpark." },
  [T_HEALTH] = { "Digital Health", "Digital Health",
    { "Digital Health", "Medizintechnik", NULL },
    { "Wege in die Regelversorgung", "Software als Medizinprodukt",
      "Daten im Gesundheitswesen" },
    { "DiGA: Wege in die Regelversorgung",
      "Software als Medizinprodukt nach MDR",
      "Datenschutz im Gesundheitswesen",
      "Praxisbericht: Telemedizin in der Fläche" },
    "Digitale Anwendungen verändern Versorgung und Medizintechnik. Wir "
    "bringen Start-ups, Kliniken und Zulieferer zusammen." },
  [T_CHEMISTRY] = { "Digitalisierung in der Chemie", "Digital Chemistry",
    { "Digital Chemistry", "Labor", NULL },
    { "das digitale Labor", "KI in der Materialentwicklung",
      "digitale Lieferketten" },
    { "Laborautomatisierung und elektronisches Laborbuch",
      "KI in der Materialentwicklung",
      "Digitale Lieferketten in der Chemie",
      "Simulation statt Versuchsreihe" },
    "Von der Laborautomatisierung bis zur vernetzten Lieferkette: Wir "
    "zeigen, wie Chemie- und Pharmabetriebe Daten nutzen." },
  [T_SALES] = { "Digitaler Vertrieb", "Vertrieb",
    { "Vertrieb", "CRM", NULL },
    { "Vertrieb im Homeoffice", "CRM ohne Frust",
      "Kundengespräche per Video" },
    { "Vertrieb im Homeoffice",
      "CRM-Einführung ohne Frust",
      "Online-Verhandlungen erfolgreich führen",
      "Leads gewinnen mit Webinaren" },
    "Kundengespräche finden immer öfter am Bildschirm statt. Wir teilen "
    "Erfahrungen und Werkzeuge für einen Vertrieb, der auch aus der "
    "Ferne funktioniert." },
  [T_FUNDING] = { "Förderprogramme für die Digitalisierung", "Fördermittel",
    { "Förderung", "Finanzierung", NULL },
    { "Überblick für KMU", "Anträge richtig stellen",
      "Finanzierung von Digitalisierungsprojekten" },
    { "Digitalisierungsprämie Plus im Überblick",
      "Fördermittel richtig beantragen",
      "Finanzierung für Start-ups",
      "Fragen aus der Praxis" },
    "Land, Bund und EU fördern Digitalisierungsvorhaben. Wir geben einen "
    "Überblick und beantworten Fragen zu Anträgen und Fristen." },
  [T_FOUNDING] = { "Gründen im digitalen Zeitalter", "Gründung",
    { "Gründung", "Start-ups", NULL },
    { "vom Prototyp zum Produkt", "Pitch-Training",
      "Start-up trifft Mittelstand" },
    { "Vom Prototyp zum Produkt",
      "Pitch-Training mit Feedback",
      "Finanzierung für Gründerinnen und Gründer",
      "Erfahrungsbericht: Das erste Jahr" },
    "Für alle, die mit einer digitalen Idee starten wollen: Wir sprechen "
    "über Validierung, Finanzierung und die ersten Kunden." },
  [T_PRIVACY] = { "Datenschutz und DSGVO", "Datenschutz",
    { "Datenschutz", "DSGVO", NULL },
    { "Grundlagen für KMU", "Auskunftsersuchen richtig beantworten",
      "Auftragsverarbeitung regeln" },
    { "DSGVO-Grundlagen für KMU",
      "Auftragsverarbeitung richtig regeln",
      "Auskunftsersuchen nach Art. 15 DSGVO",
      "Löschkonzepte in der Praxis" },
    "Datenschutz muss nicht lähmen. Wir erklären, was Betriebe wirklich "
    "tun müssen, und zeigen Vorlagen für den Alltag." },
  [T_COMMERCE] = { "E-Commerce und Onlinehandel", "E-Commerce",
    { "E-Commerce", "Handel", NULL },
    { "der eigene Onlineshop", "Marktplätze als Vertriebskanal",
      "rechtssicher verkaufen" },
    { "Der eigene Onlineshop",
      "Marktplätze als Vertriebskanal",
      "Rechtssicher online verkaufen",
      "Praxisbericht: Vom Ladengeschäft zum Versandhandel" },
    "Der Handel wird digital. Wir zeigen, wie Händler und Hersteller "
    "online verkaufen, ohne sich zu übernehmen." },
  [T_ADDITIVE] = { "Additive Fertigung und 3D-Druck", "3D-Druck",
    { "3D-Druck", "Makerspace", NULL },
    { "vom CAD-Modell zum Bauteil", "Materialien im Überblick",
      "3D-Druck im Werkzeugbau" },
    { "Vom CAD-Modell zum Bauteil",
      "Materialien und Verfahren im Überblick",
      "3D-Druck im Werkzeugbau",
      "Hands-on an den Druckern" },
    "In unserer Werkstatt probieren Sie additive Verfahren selbst aus und "
    "erfahren, wo sie sich im Betrieb rechnen." },
  [T_NEW_WORK] = { "Neue Arbeitswelten", "New Work",
    { "New Work", "Führung", NULL },
    { "hybride Zusammenarbeit gestalten", "agile Methoden im Mittelstand",
      "digitale Kompetenzen im Team" },
    { "Hybride Zusammenarbeit gestalten",
      "Agile Methoden im Mittelstand",
      "Digitale Kompetenzen im Team aufbauen",
      "Führen auf Distanz" },
    "Digitale Werkzeuge verändern, wie Teams arbeiten. Wir teilen "
    "Erfahrungen aus Betrieben der Region und probieren Methoden aus." },
  [T_SUSTAINABILITY] = { "Digitalisierung und Nachhaltigkeit",
    "Nachhaltigkeit", { "Nachhaltigkeit", "Energie", NULL },
    { "Energiemonitoring in der Produktion", "die CO₂-Bilanz digital",
      "Kreislaufwirtschaft digital denken" },
    { "CO₂-Bilanz mit digitalen Werkzeugen",
      "Energiemonitoring in der Produktion",
      "Kreislaufwirtschaft digital denken",
      "Berichtspflichten im Blick" },
    "Digitale Werkzeuge machen Energie- und Materialflüsse sichtbar. Wir "
    "zeigen, wie Betriebe Kosten und Emissionen senken." },
};

/* ---- institutions ---- */

static const HdDemoInstitution unis_nordschwarzwald[] = {
  { "Hochschule Pforzheim", "hs-pforzheim.de" }, { NULL, NULL } };
static const HdDemoInstitution inst_nordschwarzwald[] = { { NULL, NULL } };

static const HdDemoInstitution unis_mountains[] = {
  { "Hochschule Furtwangen", "hs-furtwangen.de" },
  { "DHBW Villingen-Schwenningen", "dhbw-vs.de" }, { NULL, NULL } };
static const HdDemoInstitution inst_mountains[] = {
  { "Hahn-Schickard-Gesellschaft für angewandte Forschung e.V.", "hahn-schickard.de" },
  { NULL, NULL } };

static const HdDemoInstitution unis_neckar_alb[] = {
  { "Eberhard Karls Universität Tübingen", "uni-tuebingen.de" },
  { "Hochschule Reutlingen", "reutlingen-university.de" },
  { "Hochschule Albstadt-Sigmaringen", "hs-albsig.de" }, { NULL, NULL } };
static const HdDemoInstitution inst_neckar_alb[] = {
  { "NMI Naturwissenschaftliches und Medizinisches Institut an der Universität Tübingen", "nmi.de" },
  { "Max-Planck-Institut für Intelligente Systeme", "is.mpg.de" }, { NULL, NULL } };

static const HdDemoInstitution unis_bruchsal[] = {
  { "Hochschule Karlsruhe", "h-ka.de" },
  { "DHBW Karlsruhe", "karlsruhe.dhbw.de" }, { NULL, NULL } };
static const HdDemoInstitution inst_bruchsal[] = {
  { "Fraunhofer-Institut für Chemische Technologie ICT", "ict.fraunhofer.de" },
  { NULL, NULL } };

static const HdDemoInstitution unis_boeblingen[] = {
  { "Universität Stuttgart", "uni-stuttgart.de" },
  { "DHBW Stuttgart", "dhbw-stuttgart.de" }, { NULL, NULL } };
static const HdDemoInstitution inst_boeblingen[] = {
  { "Fraunhofer-Institut für Arbeitswirtschaft und Organisation IAO", "iao.fraunhofer.de" },
  { NULL, NULL } };

static const HdDemoInstitution unis_kurpfalz[] = {
  { "Ruprecht-Karls-Universität Heidelberg", "uni-heidelberg.de" },
  { "SRH Hochschule Heidelberg", "srh-hochschule-heidelberg.de" }, { NULL, NULL } };
static const HdDemoInstitution inst_kurpfalz[] = {
  { "Deutsches Krebsforschungszentrum (DKFZ)", "dkfz.de" },
  { "European Molecular Biology Laboratory (EMBL)", "embl.org" }, { NULL, NULL } };

static const HdDemoInstitution unis_suedbaden[] = {
  { "Albert-Ludwigs-Universität Freiburg", "uni-freiburg.de" },
  { "Hochschule Offenburg", "hs-offenburg.de" },
  { "DHBW Lörrach", "dhbw-loerrach.de" }, { NULL, NULL } };
static const HdDemoInstitution inst_suedbaden[] = {
  { "Fraunhofer-Institut für Solare Energiesysteme ISE", "ise.fraunhofer.de" },
  { "Fraunhofer-Institut für Physikalische Messtechnik IPM", "ipm.fraunhofer.de" },
  { NULL, NULL } };

static const HdDemoInstitution unis_hfcon[] = {
  { "Hochschule Heilbronn", "hs-heilbronn.de" },
  { "DHBW Heilbronn", "heilbronn.dhbw.de" },
  { "Technische Universität München, Campus Heilbronn", "tum.de" }, { NULL, NULL } };
static const HdDemoInstitution inst_hfcon[] = {
  { "Ferdinand-Steinbeis-Institut", "ferdinand-steinbeis-institut.de" },
  { NULL, NULL } };

static const HdDemoInstitution unis_ostwuerttemberg[] = {
  { "Hochschule Aalen", "hs-aalen.de" },
  { "Pädagogische Hochschule Schwäbisch Gmünd", "ph-gmuend.de" },
  { "DHBW Heidenheim", "heidenheim.dhbw.de" }, { NULL, NULL } };
static const HdDemoInstitution inst_ostwuerttemberg[] = {
  { "Zentrum für Optische Technologien der Hochschule Aalen", "hs-aalen.de" },
  { NULL, NULL } };

static const HdDemoInstitution unis_ulm[] = {
  { "Universität Ulm", "uni-ulm.de" },
  { "Technische Hochschule Ulm", "thu.de" },
  { "Hochschule Biberach", "hochschule-bc.de" }, { NULL, NULL } };
static const HdDemoInstitution inst_ulm[] = {
  { "Zentrum für Sonnenenergie- und Wasserstoff-Forschung Baden-Württemberg (ZSW)", "zsw-bw.de" },
  { "Institut für Lasertechnologien in der Medizin und Meßtechnik an der Universität Ulm", "ilm-ulm.de" },
  { NULL, NULL } };

static const HdDemoInstitution unis_stuttgart[] = {
  { "Universität Stuttgart", "uni-stuttgart.de" },
  { "Hochschule der Medien Stuttgart", "hdm-stuttgart.de" },
  { "Hochschule Esslingen", "hs-esslingen.de" }, { NULL, NULL } };
static const HdDemoInstitution inst_stuttgart[] = {
  { "Fraunhofer-Institut für Produktionstechnik und Automatisierung IPA", "ipa.fraunhofer.de" },
  { "Fraunhofer-Institut für Arbeitswirtschaft und Organisation IAO", "iao.fraunhofer.de" },
  { "Deutsches Zentrum für Luft- und Raumfahrt (DLR), Standort Stuttgart", "dlr.de" },
  { NULL, NULL } };

static const HdDemoInstitution unis_karlsruhe[] = {
  { "Karlsruher Institut für Technologie (KIT)", "kit.edu" },
  { "Hochschule Karlsruhe", "h-ka.de" },
  { "DHBW Karlsruhe", "karlsruhe.dhbw.de" }, { NULL, NULL } };
static const HdDemoInstitution inst_karlsruhe[] = {
  { "FZI Forschungszentrum Informatik", "fzi.de" },
  { "Fraunhofer-Institut für Optronik, Systemtechnik und Bildauswertung IOSB", "iosb.fraunhofer.de" },
  { NULL, NULL } };

static const HdDemoInstitution unis_mannheim[] = {
  { "Universität Mannheim", "uni-mannheim.de" },
  { "Hochschule Mannheim", "hs-mannheim.de" },
  { "DHBW Mannheim", "mannheim.dhbw.de" }, { NULL, NULL } };
static const HdDemoInstitution inst_mannheim[] = {
  { "ZEW – Leibniz-Zentrum für Europäische Wirtschaftsforschung", "zew.de" },
  { "Mannheimer Zentrum für Europäische Sozialforschung (MZES)", "mzes.uni-mannheim.de" },
  { NULL, NULL } };

/* ---- the 13 hubs ---- */

static const HdDemoHub hubs[] = {
  { "Digital Hub Nordschwarzwald", "Nordschwarzwald", "regional",
    "Nordschwarzwald", "Mannheim", "Enzkreis",
    { { "Pforzheim", "75172", "7231" }, { "Calw", "75365", "7051" },
      { "Freudenstadt", "72250", "7441" }, { "Nagold", "72202", "7452" },
      { "Mühlacker", "75417", "7041" }, { "Horb am Neckar", "72160", "7451" } },
    { "Enz", "Nagold", "Würm", "Hohloh" },
    unis_nordschwarzwald, inst_nordschwarzwald, 7,
    { T_BUSINESS_MODELS, T_FUNDING, -1 }, { NULL, NULL, NULL } },
  { "Digital Hub Digital Mountains St. Georgen", "Digital Mountains", "regional",
    "Schwarzwald-Baar-Heuberg", "Freiburg", "Schwarzwald-Baar-Kreis",
    { { "St. Georgen im Schwarzwald", "78112", "7724" },
      { "Villingen-Schwenningen", "78050", "7721" },
      { "Furtwangen im Schwarzwald", "78120", "7723" },
      { "Tuttlingen", "78532", "7461" }, { "Rottweil", "78628", "741" },
      { "Donaueschingen", "78166", "771" } },
    { "Brigach", "Breg", "Baar", "Roßberg" },
    unis_mountains, inst_mountains, 6,
    { T_FOUNDING, T_INDUSTRY, -1 }, { NULL, NULL, NULL } },
  { "Digital Hub Neckar-Alb und Sigmaringen (DNS)", "Neckar-Alb", "regional",
    "Neckar-Alb und Sigmaringen", "Ulm", "Landkreis Reutlingen",
    { { "Reutlingen", "72764", "7121" }, { "Tübingen", "72072", "7071" },
      { "Sigmaringen", "72488", "7571" }, { "Balingen", "72336", "7433" },
      { "Albstadt", "72458", "7431" }, { "Metzingen", "72555", "7123" } },
    { "Alb", "Achalm", "Echaz", "Lichtenstein" },
    unis_neckar_alb, inst_neckar_alb, 8,
    { T_ADDITIVE, T_KI, -1 }, { "Sabine Häberle", "Can Yılmaz", NULL } },
  { "Digital Hub Region Bruchsal HubWerk01", "HubWerk01", "regional",
    "Region Bruchsal", "Mannheim", "Landkreis Karlsruhe",
    { { "Bruchsal", "76646", "7251" }, { "Bretten", "75015", "7252" },
      { "Philippsburg", "76661", "7256" }, { "Waghäusel", "68753", "7254" },
      { "Bad Schönborn", "76669", "7253" }, { "Kraichtal", "76703", "7250" } },
    { "Kraichgau", "Saalbach", "Michaelsberg", "Belvedere" },
    unis_bruchsal, inst_bruchsal, 6,
    { T_ADDITIVE, T_INDUSTRY, -1 }, { NULL, NULL, NULL } },
  { "Zentrum Digitalisierung Landkreis Böblingen (ZD.BB)", "ZD.BB", "regional",
    "Landkreis Böblingen", "Stuttgart", "Landkreis Böblingen",
    { { "Böblingen", "71032", "7031" }, { "Sindelfingen", "71063", "7031" },
      { "Leonberg", "71229", "7152" }, { "Herrenberg", "71083", "7032" },
      { "Holzgerlingen", "71088", "7031" }, { "Renningen", "71272", "7159" } },
    { "Schönbuch", "Gäu", "Würm", "Schwippe" },
    unis_boeblingen, inst_boeblingen, 8,
    { T_BUSINESS_MODELS, T_INDUSTRY, -1 }, { NULL, NULL, NULL } },
  { "Digital Hub kurpfalz@bw", "kurpfalz@bw", "regional",
    "Rhein-Neckar / Kurpfalz", "Mannheim", "Rhein-Neckar-Kreis",
    { { "Heidelberg", "69115", "6221" }, { "Schwetzingen", "68723", "6202" },
      { "Wiesloch", "69168", "6222" }, { "Sinsheim", "74889", "7261" },
      { "Weinheim", "69469", "6201" }, { "Hockenheim", "68766", "6205" } },
    { "Kurpfalz", "Königstuhl", "Leimbach", "Kraichbach" },
    unis_kurpfalz, inst_kurpfalz, 7,
    { T_FOUNDING, T_BUSINESS_MODELS, -1 }, { NULL, NULL, NULL } },
  { "DIGIHUB Südbaden", "Südbaden", "regional",
    "Südbaden", "Freiburg", "Stadtkreis Freiburg im Breisgau",
    { { "Freiburg im Breisgau", "79098", "761" }, { "Offenburg", "77652", "781" },
      { "Lörrach", "79539", "7621" }, { "Emmendingen", "79312", "7641" },
      { "Lahr/Schwarzwald", "77933", "7821" }, { "Waldkirch", "79183", "7681" } },
    { "Feldberg", "Schauinsland", "Dreisam", "Kaiserstuhl" },
    unis_suedbaden, inst_suedbaden, 9,
    { T_HEALTH, T_SUSTAINABILITY, -1 }, { NULL, NULL, NULL } },
  { "Digital Hub Heilbronn-Franken Connected (hfcon)", "hfcon", "regional",
    "Heilbronn-Franken", "Stuttgart", "Stadtkreis Heilbronn",
    { { "Heilbronn", "74072", "7131" }, { "Schwäbisch Hall", "74523", "791" },
      { "Künzelsau", "74653", "7940" }, { "Bad Mergentheim", "97980", "7931" },
      { "Öhringen", "74613", "7941" }, { "Neckarsulm", "74172", "7132" } },
    { "Hohenlohe", "Kocher", "Jagst", "Wartberg" },
    unis_hfcon, inst_hfcon, 8,
    { T_FUNDING, T_SALES, -1 }, { NULL, NULL, NULL } },
  { "Digitalisierungszentrum Ostwürttemberg", "Ostwürttemberg", "regional",
    "Ostwürttemberg", "Ulm", "Ostalbkreis",
    { { "Aalen", "73430", "7361" }, { "Heidenheim an der Brenz", "89518", "7321" },
      { "Schwäbisch Gmünd", "73525", "7171" }, { "Ellwangen (Jagst)", "73479", "7961" },
      { "Oberkochen", "73447", "7364" }, { "Giengen an der Brenz", "89537", "7322" } },
    { "Härtsfeld", "Albuch", "Rems", "Brenz" },
    unis_ostwuerttemberg, inst_ostwuerttemberg, 7,
    { T_SALES, T_INDUSTRY, -1 }, { NULL, NULL, NULL } },
  { "Digitalisierungszentrum Ulm | Alb-Donau | Biberach", "Ulm | Alb-Donau | Biberach",
    "regional", "Ulm, Alb-Donau-Kreis und Landkreis Biberach", "Ulm", "Stadtkreis Ulm",
    { { "Ulm", "89073", "731" }, { "Biberach an der Riß", "88400", "7351" },
      { "Ehingen (Donau)", "89584", "7391" }, { "Laupheim", "88471", "7392" },
      { "Blaubeuren", "89143", "7344" }, { "Langenau", "89129", "7345" } },
    { "Donau", "Iller", "Blau", "Riß" },
    unis_ulm, inst_ulm, 8,
    { T_NEW_WORK, T_KI, -1 }, { NULL, NULL, NULL } },
  { "de:hub Stuttgart", "de:hub Stuttgart", "thematic",
    "Stuttgart (Future Industries)", "Stuttgart", "Stadtkreis Stuttgart",
    { { "Stuttgart", "70173", "711" }, { "Esslingen am Neckar", "73728", "711" },
      { "Ludwigsburg", "71634", "7141" }, { "Waiblingen", "71332", "7151" },
      { "Fellbach", "70734", "711" }, { "Filderstadt", "70794", "711" } },
    { "Killesberg", "Bopser", "Neckar", "Birkenkopf" },
    unis_stuttgart, inst_stuttgart, 10,
    { T_INDUSTRY, T_ADDITIVE, T_SUSTAINABILITY }, { NULL, NULL, NULL } },
  { "de:hub Karlsruhe", "de:hub Karlsruhe", "thematic",
    "Karlsruhe (Applied Artificial Intelligence)", "Mannheim", "Stadtkreis Karlsruhe",
    { { "Karlsruhe", "76131", "721" }, { "Ettlingen", "76275", "7243" },
      { "Rastatt", "76437", "7222" }, { "Baden-Baden", "76530", "7221" },
      { "Bühl", "77815", "7223" }, { "Gaggenau", "76571", "7225" } },
    { "Fächer", "Turmberg", "Rhein", "Durlach" },
    unis_karlsruhe, inst_karlsruhe, 9,
    { T_KI, T_DATA, T_SECURITY }, { NULL, NULL, NULL } },
  { "de:hub Mannheim/Ludwigshafen", "de:hub Mannheim/Ludwigshafen", "thematic",
    "Mannheim/Ludwigshafen (Digital Chemistry & Digital Health)", "Mannheim",
    "Stadtkreis Mannheim",
    { { "Mannheim", "68159", "621" }, { "Ladenburg", "68526", "6203" },
      { "Schriesheim", "69198", "6203" }, { "Brühl", "68782", "6202" },
      { "Ilvesheim", "68549", "621" }, { "Edingen-Neckarhausen", "68535", "6203" } },
    { "Quadrate", "Rhein", "Neckar", "Luisenpark" },
    unis_mannheim, inst_mannheim, 7,
    { T_CHEMISTRY, T_HEALTH, T_DATA }, { NULL, NULL, NULL } },
};

/* ---- people ---- */

static const char * const female_names[] = {
  "Sabine", "Anna", "Julia", "Katrin", "Stefanie", "Claudia", "Andrea",
  "Petra", "Monika", "Ursula", "Laura", "Lena", "Sarah", "Lisa", "Hannah",
  "Sophie", "Marie", "Johanna", "Franziska", "Christina", "Nicole",
  "Melanie", "Sandra", "Tanja", "Susanne", "Birgit", "Karin", "Heike",
  "Silke", "Martina", "Jana", "Nina", "Miriam", "Carina", "Theresa",
  "Verena", "Annika", "Jasmin", "Özlem", "Ayşe", "Elif", "Hülya", "Zoë",
  "Bärbel", "Dörte", "Anja", "Kerstin", "Gabriele", "Eva", "Katharina",
  "Lea", "Emilia", "Mia", "Charlotte", "Vanessa", "Alexandra", "Ramona",
  "Agnieszka", "Elena", "Irina",
};

static const char * const male_names[] = {
  "Thomas", "Michael", "Andreas", "Stefan", "Markus", "Christian",
  "Martin", "Peter", "Frank", "Jürgen", "Klaus", "Wolfgang", "Uwe", "Ralf",
  "Jörg", "Björn", "Sören", "Günter", "Jens", "Tobias", "Daniel",
  "Sebastian", "Florian", "Simon", "Lukas", "Jonas", "Felix",
  "Maximilian", "Philipp", "Matthias", "Alexander", "Benjamin", "Dominik",
  "Timo", "Moritz", "Niklas", "Can", "Mehmet", "Emre", "Ömer", "Luca",
  "Marco", "Kai", "Jan", "Holger", "Dirk", "Hans-Peter", "Karl-Heinz",
  "Bernd", "Rüdiger", "Joachim", "Oliver", "Patrick", "Fabian", "Marcel",
  "Paul", "David", "Leon", "Piotr", "Dimitrios",
};

static const char * const family_names[] = {
  "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner",
  "Becker", "Schulz", "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter",
  "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann",
  "Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Schmitt", "Werner",
  "Krause", "Meier", "Lehmann", "Schmid", "Maier", "Köhler", "Herrmann",
  "König", "Walter", "Mayer", "Huber", "Kaiser", "Fuchs", "Peters",
  "Lang", "Scholz", "Möller", "Weiß", "Jung", "Hahn", "Vogel",
  "Friedrich", "Keller", "Günther", "Frank", "Berger", "Winkler", "Roth",
  "Beck", "Lorenz", "Baumann", "Albrecht", "Schuster", "Ludwig", "Böhm",
  "Winter", "Kraus", "Schumacher", "Krämer", "Vogt", "Stein", "Jäger",
  "Sommer", "Groß", "Seidel", "Brandt", "Haas", "Graf", "Dietrich",
  "Ziegler", "Kühn", "Engel", "Horn", "Bergmann", "Pfeiffer", "Häberle",
  "Knödler", "Rieger", "Haug", "Bühler", "Eberle", "Kächele", "Schäufele",
  "Frick", "Gröner", "Maurer", "Speidel", "Schwab", "Götz", "Stähle",
  "Dürr", "Nägele", "Röhm", "Weißhaar", "Märkle", "Fößel", "Yılmaz",
  "Kaya", "Demir", "Öztürk", "Şahin", "Nowak", "Kowalski", "Popović",
  "Rossi", "Nguyen", "Papadopoulos", "Ivanova",
};

static const HdDemoTitle business_titles[] = {
  { "Geschäftsführer", "Geschäftsführerin" },
  { "Inhaber", "Inhaberin" },
  { "Leiter IT", "Leiterin IT" },
  { "Produktionsleiter", "Produktionsleiterin" },
  { "Digitalisierungsbeauftragter", "Digitalisierungsbeauftragte" },
  { "Softwareentwickler", "Softwareentwicklerin" },
  { "Projektmanager", "Projektmanagerin" },
  { "Vertriebsleiter", "Vertriebsleiterin" },
  { "Leiter Marketing", "Leiterin Marketing" },
  { "Data Scientist", "Data Scientist" },
  { "IT-Sicherheitsbeauftragter", "IT-Sicherheitsbeauftragte" },
  { "Personalreferent", "Personalreferentin" },
  { "Einkaufsleiter", "Einkaufsleiterin" },
  { "Qualitätsmanager", "Qualitätsmanagerin" },
  { "Technischer Leiter", "Technische Leiterin" },
  { "Prokurist", "Prokuristin" },
  { "Werkstattmeister", "Werkstattmeisterin" },
  { "Gründer", "Gründerin" },
  { "CTO", "CTO" },
  { "Head of Product", "Head of Product" },
};

static const HdDemoTitle academic_titles[] = {
  { "Professor für Informatik", "Professorin für Informatik" },
  { "Professor für Produktionstechnik", "Professorin für Produktionstechnik" },
  { "Wissenschaftlicher Mitarbeiter", "Wissenschaftliche Mitarbeiterin" },
  { "Doktorand", "Doktorandin" },
  { "Referent Technologietransfer", "Referentin Technologietransfer" },
  { "Leiter Gründungszentrum", "Leiterin Gründungszentrum" },
};

static const HdDemoTitle public_titles[] = {
  { "Wirtschaftsförderer", "Wirtschaftsförderin" },
  { "Referent Digitalisierung", "Referentin Digitalisierung" },
  { "Amtsleiter", "Amtsleiterin" },
  { "Berater Innovation und Technologie", "Beraterin Innovation und Technologie" },
};

static const HdDemoTitle association_titles[] = {
  { "Vorstandsvorsitzender", "Vorstandsvorsitzende" },
  { "Geschäftsstellenleiter", "Geschäftsstellenleiterin" },
  { "Netzwerkmanager", "Netzwerkmanagerin" },
};

static const HdDemoTitle staff_titles[] = {
  { "Hub-Manager", "Hub-Managerin" },
  { "Community-Manager", "Community-Managerin" },
  { "Innovationsberater", "Innovationsberaterin" },
};

/* ---- organizations ---- */

static const HdDemoBranch branches[] = {
  { "Präzisionstechnik", "Feinmechanik" },
  { "Maschinenbau", "Maschinenbau" },
  { "Antriebstechnik", "Maschinenbau" },
  { "Elektrotechnik", "Elektrotechnik" },
  { "Automatisierung", "Elektrotechnik" },
  { "Kunststofftechnik", "Kunststoffverarbeitung" },
  { "Metallbau", "Metallverarbeitung" },
  { "Oberflächentechnik", "Metallverarbeitung" },
  { "Haustechnik", "Handwerk" },
  { "Holzbau", "Handwerk" },
  { "Logistik", "Logistik" },
  { "Spedition", "Logistik" },
  { "Druck & Medien", "Druck und Medien" },
  { "Medizintechnik", "Medizintechnik" },
  { "Laborbedarf", "Chemie und Pharma" },
  { "Feinchemie", "Chemie und Pharma" },
  { "Software", "Software" },
  { "IT-Service", "IT-Dienstleistungen" },
  { "Systemhaus", "IT-Dienstleistungen" },
  { "Unternehmensberatung", "Beratung" },
  { "Ingenieurbüro", "Ingenieurdienstleistungen" },
  { "Bau", "Bauwesen" },
  { "Energietechnik", "Energie" },
  { "Textil", "Textil" },
  { "Feinkost", "Lebensmittel" },
  { "Optik", "Optik und Photonik" },
  { "Sensorik", "Elektrotechnik" },
  { "Verpackung", "Kunststoffverarbeitung" },
};

static const char * const startup_stems[] = {
  "Data", "Robo", "Senso", "Cloud", "Quanti", "Flow", "Neuro", "Agri",
  "Medi", "Chemi", "Grid", "Vision", "Smart", "Green", "Byte", "Pixel",
  "Circu", "Loop", "Nova", "Insight", "Kine", "Opti", "Lumi", "Terra",
};

static const char * const startup_endings[] = {
  "ly", "io", "ify", "mind", "bit", "labs", "works", "hub", "ix", "eon",
};

static const char * const startup_sectors[] = {
  "Software", "Künstliche Intelligenz", "Medizintechnik", "Robotik",
  "E-Commerce", "Energie", "Agrartechnik", "Chemie und Pharma",
  "IT-Sicherheit", "Bildung",
};

static const char * const brand_endings[] = {
  "tec", "tronic", "plan", "werk", "form", "data", "soft", "systems",
  "line", "tool",
};

static const char * const fields_of_study[] = {
  "Informatik", "Wirtschaftsinformatik", "Maschinenbau", "Elektrotechnik",
  "Produktionstechnik", "Data Science", "Medizintechnik",
  "Angewandte Künstliche Intelligenz", "Betriebswirtschaft", "Mechatronik",
  "Werkstofftechnik", "Logistik", "Umwelttechnik", "Mikrosystemtechnik",
};

static const HdDemoCompany large_companies[] = {
  { "Neckar Antriebstechnik AG", "HRB 21847, Amtsgericht Stuttgart",
    "neckar-antriebstechnik.de", "Maschinenbau" },
  { "Schwarzwald Präzision SE", "HRB 8412, Amtsgericht Freiburg",
    "schwarzwald-praezision.de", "Feinmechanik" },
  { "Alb-Donau Logistik AG", "HRB 30561, Amtsgericht Ulm",
    "alb-donau-logistik.de", "Logistik" },
  { "Württembergische Sensorik AG", "HRB 17399, Amtsgericht Stuttgart",
    "wuerttembergische-sensorik.de", "Elektrotechnik" },
  { "Kraichgau Maschinenbau AG", "HRB 1204, Amtsgericht Mannheim",
    "kraichgau-maschinenbau.de", "Maschinenbau" },
  { "Badische Kunststoffwerke AG", "HRB 4410, Amtsgericht Freiburg",
    "badische-kunststoffwerke.de", "Kunststoffverarbeitung" },
  { "Hohenlohe Elektro AG", "HRB 12650, Amtsgericht Stuttgart",
    "hohenlohe-elektro.de", "Elektrotechnik" },
  { "Rheintal Chemie AG", "HRB 2391, Amtsgericht Mannheim",
    "rheintal-chemie.de", "Chemie und Pharma" },
  { "Bodensee Automation SE", "HRB 9087, Amtsgericht Ulm",
    "bodensee-automation.de", "Elektrotechnik" },
  { "Kurpfalz Software AG", "HRB 5517, Amtsgericht Mannheim",
    "kurpfalz-software.de", "Software" },
  { "Brenz Optik AG", "HRB 25033, Amtsgericht Ulm",
    "brenz-optik.de", "Optik und Photonik" },
  { "Schwäbische Feinwerk AG", "HRB 14792, Amtsgericht Stuttgart",
    "schwaebische-feinwerk.de", "Feinmechanik" },
};

static const char * const streets[] = {
  "Hauptstraße", "Bahnhofstraße", "Industriestraße", "Gewerbestraße",
  "Robert-Bosch-Straße", "Carl-Benz-Straße", "Gottlieb-Daimler-Straße",
  "Max-Eyth-Straße", "Schillerstraße", "Goethestraße", "Lindenstraße",
  "Kirchstraße", "Im Gewerbepark", "Siemensstraße", "Wilhelmstraße",
  "Karlstraße", "Friedrichstraße", "Talstraße", "Mühlweg",
  "Am Technologiepark", "Einsteinstraße", "Schwarzwaldstraße",
  "Neckarstraße", "Uferstraße", "Königstraße", "Poststraße",
  "Daimlerstraße", "Ferdinand-Porsche-Straße", "Steinbeisstraße",
  "Marie-Curie-Straße",
};

static const char * const mail_providers[] = {
  "gmx.de", "web.de", "t-online.de", "posteo.de", "mailbox.org",
  "outlook.de", "gmail.com",
};

static const char * const person_tags[] = {
  "Newsletter", "Referentin/Referent", "Mentoring", "Gründung", "KI",
  "IT-Sicherheit", "Fördermittel", "Coworking", "Presse", "Alumni",
};

static const char * const organization_tags[] = {
  "Coworking-Kunde", "Netzwerkpartner", "Förderprogramm", "KI",
  "Industrie 4.0", "Start-up", "Sponsor", "Referenzprojekt", "Presse",
  "Mitglied",
};

static const char * const consent_sources[] = {
  "Anmeldeformular auf der Website",
  "Teilnehmerliste vor Ort",
  "E-Mail",
  "Telefonat",
  "Visitenkarte mit mündlicher Zustimmung",
  "Check-in am Veranstaltungseingang",
  "Beratungsgespräch",
};

static const char * const external_venues[] = {
  "Stadthalle", "Rathaus, Großer Sitzungssaal", "IHK-Bildungszentrum",
  "Technologiepark, Konferenzzentrum", "Kulturzentrum", "Hochschule, Aula",
};

static const HdDemoTables tables = {
  hubs, G_N_ELEMENTS (hubs),
  topics, G_N_ELEMENTS (topics),
  female_names, G_N_ELEMENTS (female_names),
  male_names, G_N_ELEMENTS (male_names),
  family_names, G_N_ELEMENTS (family_names),
  business_titles, G_N_ELEMENTS (business_titles),
  academic_titles, G_N_ELEMENTS (academic_titles),
  public_titles, G_N_ELEMENTS (public_titles),
  association_titles, G_N_ELEMENTS (association_titles),
  staff_titles, G_N_ELEMENTS (staff_titles),
  branches, G_N_ELEMENTS (branches),
  startup_stems, G_N_ELEMENTS (startup_stems),
  startup_endings, G_N_ELEMENTS (startup_endings),
  startup_sectors, G_N_ELEMENTS (startup_sectors),
  brand_endings, G_N_ELEMENTS (brand_endings),
  fields_of_study, G_N_ELEMENTS (fields_of_study),
  large_companies, G_N_ELEMENTS (large_companies),
  streets, G_N_ELEMENTS (streets),
  mail_providers, G_N_ELEMENTS (mail_providers),
  person_tags, G_N_ELEMENTS (person_tags),
  organization_tags, G_N_ELEMENTS (organization_tags),
  consent_sources, G_N_ELEMENTS (consent_sources),
  external_venues, G_N_ELEMENTS (external_venues),
};

const HdDemoTables *
hd_demo_tables (void)
{
  return &tables;
}
