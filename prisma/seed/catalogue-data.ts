// The catalogue's seed (issue #5): the network's Italian welfare taxonomy and services that the
// partner organizations already run, placed in the comuni of the area. Contacts are demo values.

export const TAXONOMY = {
  name: "Tassonomia del welfare territoriale T.W.B.",
  description: "Categorie dei servizi di welfare del territorio, definite dalla rete T.W.B. Community.",
  version: "2026.1",
};

export type SeedTerm = { code: string; name: string; description: string; children?: SeedTerm[] };

const term = (code: string, name: string, description: string, children?: SeedTerm[]): SeedTerm => ({ code, name, description, children });

export const TERMS: SeedTerm[] = [
  term("famiglie-minori", "Famiglie e minori", "Sostegno a genitori, bambini e ragazzi.", [
    term("famiglie-minori.genitorialita", "Sostegno alla genitorialità", "Consulenza, gruppi e accompagnamento per genitori."),
    term("famiglie-minori.prima-infanzia", "Prima infanzia", "Nidi, spazi gioco e servizi 0-6 anni."),
    term("famiglie-minori.aggregazione", "Aggregazione giovanile", "Spazi e attività per preadolescenti e adolescenti."),
    term("famiglie-minori.affido", "Affido e accoglienza", "Famiglie affidatarie e accoglienza di minori."),
  ]),
  term("scuola-dsa", "Scuola e DSA", "Apprendimento, inclusione scolastica e disturbi specifici dell'apprendimento.", [
    term("scuola-dsa.doposcuola", "Doposcuola e aiuto compiti", "Studio assistito al pomeriggio."),
    term("scuola-dsa.dsa", "Supporto DSA", "Strumenti compensativi, metodo di studio, tutor specializzati."),
    term("scuola-dsa.orientamento", "Orientamento scolastico", "Scelta della scuola superiore e del percorso di studi."),
    term("scuola-dsa.dispersione", "Contrasto alla dispersione", "Prevenzione dell'abbandono scolastico."),
  ]),
  term("disabilita", "Disabilità", "Servizi per persone con disabilità e per le loro famiglie.", [
    term("disabilita.centri-diurni", "Centri diurni per la disabilità", "Attività educative e socio-sanitarie di giorno."),
    term("disabilita.lavoro", "Inserimento lavorativo", "Tirocini e lavoro per persone con disabilità."),
    term("disabilita.sollievo", "Sollievo alle famiglie", "Weekend e periodi di sollievo per chi assiste."),
    term("disabilita.trasporto", "Trasporto e accompagnamento", "Trasporti sociali verso scuola, lavoro e cure."),
  ]),
  term("anziani", "Anziani", "Servizi per persone anziane e per chi se ne prende cura.", [
    term("anziani.domiciliare", "Assistenza domiciliare", "Aiuto a casa: igiene, pasti, compagnia."),
    term("anziani.centri-diurni", "Centri diurni per anziani", "Attività e assistenza di giorno."),
    term("anziani.solitudine", "Contrasto alla solitudine", "Visite, telefonate, attività di socialità."),
  ]),
  term("salute", "Salute e benessere", "Prevenzione, benessere psicologico, accesso alle cure.", [
    term("salute.psicologico", "Supporto psicologico", "Colloqui e gruppi con psicologi."),
    term("salute.prevenzione", "Prevenzione", "Educazione alla salute e screening."),
  ]),
  term("lavoro", "Lavoro e formazione", "Orientamento, formazione e accompagnamento al lavoro.", [
    term("lavoro.orientamento", "Orientamento al lavoro", "Bilancio di competenze, curriculum, ricerca attiva."),
    term("lavoro.tirocini", "Tirocini", "Tirocini e borse lavoro."),
    term("lavoro.welfare-aziendale", "Welfare aziendale", "Conciliazione famiglia-lavoro e servizi per i dipendenti."),
  ]),
  term("casa", "Casa e abitare", "Accesso alla casa e sostegno all'abitare.", [
    term("casa.emergenza", "Emergenza abitativa", "Accoglienza temporanea in caso di sfratto o perdita della casa."),
    term("casa.housing-sociale", "Housing sociale", "Alloggi a canone calmierato con accompagnamento."),
  ]),
  term("poverta", "Povertà e beni primari", "Ascolto, cibo, beni essenziali e sostegno economico.", [
    term("poverta.ascolto", "Centri di ascolto", "Ascolto e orientamento per chi è in difficoltà."),
    term("poverta.alimentare", "Aiuto alimentare", "Pacchi viveri, empori e mense solidali."),
    term("poverta.gruppi-acquisto", "Gruppi di acquisto", "Acquisti collettivi di beni di welfare a prezzo ridotto."),
    term("poverta.sostegno-economico", "Sostegno economico", "Contributi, microcredito, aiuto con le bollette."),
  ]),
  term("migranti", "Migranti e intercultura", "Accoglienza e inclusione delle persone di origine straniera.", [
    term("migranti.italiano", "Italiano per stranieri", "Corsi di lingua italiana (L2)."),
    term("migranti.mediazione", "Mediazione culturale", "Mediatori linguistici e culturali."),
  ]),
  term("tempo-libero", "Tempo libero e socialità", "Sport, cultura e vacanze per tutti.", [
    term("tempo-libero.centri-estivi", "Centri estivi", "Attività estive per bambini e ragazzi."),
    term("tempo-libero.sport", "Sport inclusivo", "Sport aperto a tutte le abilità."),
    term("tempo-libero.cultura", "Attività culturali", "Laboratori, teatro, musica."),
  ]),
  term("mutuo-aiuto", "Mutuo aiuto e volontariato", "Persone che si aiutano a vicenda.", [
    term("mutuo-aiuto.tutoring", "Tutoring tra pari", "Studenti e adulti che affiancano chi è in difficoltà."),
    term("mutuo-aiuto.gruppi", "Gruppi di auto mutuo aiuto", "Gruppi di persone che vivono la stessa situazione."),
  ]),
];

type Hours = { days: number[]; opens: string; closes: string; validFrom?: string; validTo?: string };
type SeedPlace = { name: string; address: string; postalCode: string; comune: string; dLat: number; dLon: number; accessibility?: string; transportation?: string };

export type SeedService = {
  slug: string;
  name: string;
  description: string;
  organizations: string[];
  terms: string[];
  eligibility: string;
  ages?: [number, number];
  applicationProcess: string;
  requiredDocuments?: string[];
  costs: { kind: "FREE" | "FEE" | "REDUCED"; euro?: number; description?: string }[];
  feesDescription?: string;
  languages?: string[];
  accessibility?: string;
  places: SeedPlace[];
  hours: Hours[];
  closedOn?: { date: string; description: string }[];
  contact: { name?: string; email: string; phone: string };
  url?: string;
};

const ACCESSIBLE = "Ingresso senza barriere architettoniche, bagno accessibile.";

export const SERVICES: SeedService[] = [
  {
    slug: "sostegno-allo-studio-dsa",
    name: "Sostegno allo studio per ragazzi con DSA",
    description:
      "Pomeriggi di studio assistito per ragazze e ragazzi con dislessia, disortografia, discalculia o disgrafia: tutor formati insegnano a usare gli strumenti compensativi (sintesi vocale, mappe concettuali, calcolatrice) e a costruire un metodo di studio autonomo.",
    organizations: ["vela-dislessia", "dialogica"],
    terms: ["scuola-dsa.dsa", "scuola-dsa.doposcuola"],
    eligibility: "Studenti dalla terza primaria alla secondaria di secondo grado con diagnosi di DSA o in attesa di valutazione.",
    ages: [8, 18],
    applicationProcess: "Colloquio conoscitivo con la famiglia su appuntamento, poi inserimento in un piccolo gruppo (massimo 4 ragazzi).",
    requiredDocuments: ["Diagnosi di DSA o richiesta di valutazione", "Piano didattico personalizzato (PDP), se disponibile"],
    costs: [
      { kind: "FEE", euro: 60, description: "Quota mensile per due pomeriggi a settimana" },
      { kind: "REDUCED", euro: 25, description: "Quota ridotta per famiglie con ISEE sotto 15.000 euro" },
    ],
    languages: ["it", "en"],
    accessibility: ACCESSIBLE,
    places: [{ name: "Sede Vela Dislessia", address: "Via Roma 18", postalCode: "22077", comune: "olgiate-comasco", dLat: 0.0012, dLon: -0.0008, accessibility: ACCESSIBLE, transportation: "Autobus C62, fermata Olgiate centro" }],
    hours: [{ days: [2, 4], opens: "14:30", closes: "18:00" }],
    closedOn: [{ date: "2026-12-08", description: "Chiuso per la festa dell'Immacolata" }],
    contact: { name: "Segreteria Vela Dislessia", email: "studio@vela-dislessia.twb.example", phone: "+39 031 000 0101" },
  },
  {
    slug: "centro-di-ascolto-caritas-appiano",
    name: "Centro di ascolto Caritas",
    description:
      "Un luogo dove essere ascoltati senza giudizio: volontari formati accolgono chi attraversa un momento difficile (lavoro perso, bollette, solitudine), aiutano a capire di cosa c'è bisogno e accompagnano verso i servizi del territorio.",
    organizations: ["caritas-appiano-gentile"],
    terms: ["poverta.ascolto", "poverta.sostegno-economico"],
    eligibility: "Persone e famiglie residenti o domiciliate nel decanato di Appiano Gentile.",
    applicationProcess: "Accesso libero negli orari di apertura; per i colloqui successivi si fissa un appuntamento.",
    requiredDocuments: ["Documento d'identità", "ISEE in corso di validità (per gli aiuti economici)"],
    costs: [{ kind: "FREE" }],
    languages: ["it", "en", "fr"],
    places: [{ name: "Centro parrocchiale", address: "Piazza Libertà 3", postalCode: "22070", comune: "appiano-gentile", dLat: 0.0006, dLon: 0.0011, accessibility: "Sala al piano terra, accesso con rampa." }],
    hours: [
      { days: [2, 4], opens: "09:30", closes: "11:30" },
      { days: [6], opens: "09:00", closes: "11:00" },
    ],
    contact: { name: "Centro di ascolto", email: "ascolto@caritas-appiano.twb.example", phone: "+39 031 000 0202" },
  },
  {
    slug: "pacchi-viveri-e-emporio-solidale",
    name: "Pacchi viveri ed emporio solidale",
    description:
      "Distribuzione mensile di generi alimentari e prodotti per l'igiene alle famiglie in difficoltà, con una tessera a punti per scegliere i prodotti nell'emporio solidale.",
    organizations: ["caritas-appiano-gentile", "il-seme"],
    terms: ["poverta.alimentare"],
    eligibility: "Famiglie segnalate dal centro di ascolto o dai servizi sociali del comune.",
    applicationProcess: "Si accede dopo un colloquio al centro di ascolto, che rilascia la tessera dell'emporio.",
    requiredDocuments: ["ISEE in corso di validità"],
    costs: [{ kind: "FREE" }],
    places: [{ name: "Emporio solidale", address: "Via Garibaldi 40", postalCode: "22070", comune: "appiano-gentile", dLat: -0.0021, dLon: 0.0017, accessibility: ACCESSIBLE }],
    hours: [{ days: [3], opens: "15:00", closes: "18:30" }, { days: [6], opens: "09:00", closes: "12:00" }],
    contact: { email: "emporio@caritas-appiano.twb.example", phone: "+39 031 000 0203" },
  },
  {
    slug: "centro-diurno-disabili-sim-patia",
    name: "Centro diurno per persone con disabilità",
    description:
      "Attività educative, laboratori artigianali, cura della persona e uscite sul territorio per adulti con disabilità, in un ambiente familiare con educatori e operatori socio-sanitari.",
    organizations: ["sim-patia"],
    terms: ["disabilita.centri-diurni", "disabilita.sollievo"],
    eligibility: "Adulti dai 18 ai 65 anni con disabilità, su progetto condiviso con i servizi sociali.",
    ages: [18, 65],
    applicationProcess: "Richiesta tramite l'assistente sociale del comune di residenza; visita e periodo di inserimento graduale.",
    requiredDocuments: ["Verbale di invalidità o certificazione L. 104/92", "Relazione dell'assistente sociale"],
    costs: [
      { kind: "FEE", euro: 35, description: "Retta giornaliera a carico della famiglia" },
      { kind: "REDUCED", description: "Retta ridotta in base all'ISEE, con integrazione del comune" },
    ],
    accessibility: ACCESSIBLE + " Sollevatori e bagni attrezzati.",
    places: [{ name: "Centro diurno Sim-patia", address: "Via per Stabio 7", postalCode: "22070", comune: "valmorea", dLat: 0.0009, dLon: 0.0014, accessibility: ACCESSIBLE, transportation: "Trasporto con pulmino attrezzato su richiesta" }],
    hours: [{ days: [1, 2, 3, 4, 5], opens: "08:30", closes: "16:30" }],
    contact: { name: "Coordinatrice del centro", email: "centrodiurno@sim-patia.twb.example", phone: "+39 031 000 0303" },
  },
  {
    slug: "assistenza-domiciliare-anziani",
    name: "Assistenza domiciliare per anziani",
    description:
      "Operatori socio-sanitari a casa delle persone anziane o non autosufficienti: aiuto nell'igiene personale, nella preparazione dei pasti, nelle piccole commissioni e compagnia, per restare a casa propria il più a lungo possibile.",
    organizations: ["coop-paolo-fagetti", "fondazione-fagetti"],
    terms: ["anziani.domiciliare", "anziani.solitudine"],
    eligibility: "Persone over 65 o non autosufficienti residenti nei comuni dell'ambito.",
    ages: [65, 120],
    applicationProcess: "Telefonare alla cooperativa o rivolgersi ai servizi sociali: un'operatrice viene a casa per valutare il bisogno.",
    costs: [
      { kind: "FEE", euro: 22, description: "Costo orario" },
      { kind: "REDUCED", euro: 9, description: "Tariffa agevolata per ISEE sotto 12.000 euro, con contributo del comune" },
    ],
    places: [{ name: "Sede della cooperativa", address: "Via Cesare Battisti 5", postalCode: "22029", comune: "uggiate-con-ronago", dLat: -0.0011, dLon: 0.0009 }],
    hours: [{ days: [1, 2, 3, 4, 5], opens: "09:00", closes: "12:30" }],
    contact: { email: "domiciliare@fagetti.twb.example", phone: "+39 031 000 0404" },
  },
  {
    slug: "spazio-compiti-e-aggregazione",
    name: "Spazio compiti e aggregazione giovanile",
    description:
      "Un posto dove fare i compiti insieme, con educatori e volontari, e poi restare per giochi, laboratori e uscite. Per ragazze e ragazzi delle medie che al pomeriggio sarebbero soli.",
    organizations: ["il-seme", "ic-olgiate-comasco"],
    terms: ["famiglie-minori.aggregazione", "scuola-dsa.doposcuola"],
    eligibility: "Ragazze e ragazzi della scuola secondaria di primo grado.",
    ages: [11, 14],
    applicationProcess: "Iscrizione con un genitore presso lo spazio o via email; si può provare una settimana.",
    costs: [{ kind: "REDUCED", euro: 10, description: "Contributo mensile simbolico; gratuito per chi è segnalato dalla scuola" }],
    places: [{ name: "Spazio giovani Il Seme", address: "Via Trento 22", postalCode: "22077", comune: "olgiate-comasco", dLat: -0.0015, dLon: 0.0021, accessibility: ACCESSIBLE }],
    hours: [{ days: [1, 3, 5], opens: "14:00", closes: "18:00" }],
    contact: { name: "Educatori Il Seme", email: "giovani@il-seme.twb.example", phone: "+39 031 000 0505" },
  },
  {
    slug: "italiano-per-donne-straniere",
    name: "Corso di italiano per donne straniere",
    description:
      "Lezioni di lingua italiana per donne di origine straniera, con servizio di baby-sitting durante il corso: si impara l'italiano della vita quotidiana (scuola dei figli, medico, uffici) e si costruiscono amicizie.",
    organizations: ["fondazione-scalabrini"],
    terms: ["migranti.italiano", "migranti.mediazione"],
    eligibility: "Donne adulte di qualsiasi provenienza, a ogni livello di conoscenza dell'italiano.",
    ages: [16, 99],
    applicationProcess: "Test di livello all'iscrizione, a settembre e a gennaio.",
    costs: [{ kind: "FREE" }],
    languages: ["it", "en", "fr", "ar", "uk"],
    places: [{ name: "Casa Scalabrini", address: "Via Milano 110", postalCode: "22100", comune: "como", dLat: -0.006, dLon: 0.004, accessibility: ACCESSIBLE, transportation: "Autobus 1 e 7, fermata Via Milano" }],
    hours: [{ days: [2, 4], opens: "09:00", closes: "11:00" }],
    contact: { email: "italiano@scalabrini.twb.example", phone: "+39 031 000 0606" },
  },
  {
    slug: "sportello-lavoro-e-orientamento",
    name: "Sportello lavoro e orientamento",
    description:
      "Aiuto a scrivere il curriculum, prepararsi ai colloqui e cercare lavoro; tirocini nelle imprese e nelle cooperative della rete per chi ha più difficoltà a trovare un impiego.",
    organizations: ["l-ancora", "compagnia-delle-opere-como", "confcooperative"],
    terms: ["lavoro.orientamento", "lavoro.tirocini"],
    eligibility: "Persone disoccupate o in cerca di un nuovo lavoro, dai 16 anni.",
    ages: [16, 67],
    applicationProcess: "Su appuntamento, per telefono o email.",
    requiredDocuments: ["Curriculum, se lo hai già", "Documento d'identità"],
    costs: [{ kind: "FREE" }],
    languages: ["it", "en", "ro", "sq"],
    places: [{ name: "Sportello L'Ancora", address: "Via Volta 9", postalCode: "22071", comune: "cadorago", dLat: 0.001, dLon: -0.0012 }],
    hours: [{ days: [1], opens: "14:00", closes: "17:00" }, { days: [3], opens: "09:00", closes: "12:00" }],
    contact: { email: "lavoro@ancora.twb.example", phone: "+39 031 000 0707" },
  },
  {
    slug: "centro-estivo-inclusivo",
    name: "Centro estivo inclusivo",
    description:
      "Settimane estive di giochi, piscina, gite e laboratori per bambini e ragazzi, con educatori di sostegno per chi ha una disabilità: nessuno resta escluso dall'estate.",
    organizations: ["il-mosaico", "oasi-mosaico"],
    terms: ["tempo-libero.centri-estivi", "disabilita.sollievo"],
    eligibility: "Bambini e ragazzi dai 6 ai 14 anni, anche con disabilità.",
    ages: [6, 14],
    applicationProcess: "Iscrizioni online o in sede da aprile, per settimane.",
    costs: [
      { kind: "FEE", euro: 90, description: "Quota settimanale con pranzo" },
      { kind: "REDUCED", euro: 45, description: "Quota ridotta per il secondo figlio e per ISEE sotto 15.000 euro" },
    ],
    places: [{ name: "Oratorio e parco comunale", address: "Via San Giuseppe 2", postalCode: "22075", comune: "lurate-caccivio", dLat: 0.0013, dLon: 0.0007, accessibility: ACCESSIBLE }],
    hours: [{ days: [1, 2, 3, 4, 5], opens: "08:00", closes: "17:00", validFrom: "2026-06-15", validTo: "2026-08-28" }],
    contact: { email: "estate@mosaico.twb.example", phone: "+39 031 000 0808" },
  },
  {
    slug: "supporto-psicologico-adolescenti",
    name: "Supporto psicologico per adolescenti e famiglie",
    description:
      "Colloqui con psicologi per ragazzi e ragazze che vivono ansia, isolamento o difficoltà a scuola, e gruppi di confronto per i genitori.",
    organizations: ["dialogica", "ic-appiano-gentile"],
    terms: ["salute.psicologico", "famiglie-minori.genitorialita"],
    eligibility: "Ragazzi dai 12 ai 19 anni e i loro genitori.",
    ages: [12, 19],
    applicationProcess: "Primo colloquio gratuito su appuntamento; a scuola anche tramite lo sportello d'ascolto.",
    costs: [
      { kind: "FREE", description: "Primo colloquio e sportello scolastico" },
      { kind: "REDUCED", euro: 30, description: "Colloqui successivi a tariffa calmierata" },
    ],
    places: [
      { name: "Studio Dialogica", address: "Via Garibaldi 31", postalCode: "22100", comune: "como", dLat: 0.001, dLon: -0.002 },
      { name: "Sportello a scuola", address: "Via Marconi 10", postalCode: "22070", comune: "appiano-gentile", dLat: 0.0018, dLon: -0.0014, accessibility: ACCESSIBLE },
    ],
    hours: [{ days: [1, 2, 3, 4, 5], opens: "15:00", closes: "19:00" }],
    contact: { email: "ascolto@dialogica.twb.example", phone: "+39 031 000 0909" },
  },
  {
    slug: "gruppo-acquisto-famiglie",
    name: "Gruppo di acquisto per le famiglie",
    description:
      "Acquisti collettivi di materiale scolastico, ausili e prodotti per la prima infanzia a prezzi ridotti, organizzati dalla rete con le aziende partner.",
    organizations: ["dono", "prima-ricerca-e-sviluppo"],
    terms: ["poverta.gruppi-acquisto", "famiglie-minori.prima-infanzia"],
    eligibility: "Tutte le famiglie dei comuni della rete.",
    applicationProcess: "Iscrizione al gruppo via email; gli ordini si raccolgono ogni mese.",
    costs: [{ kind: "FREE", description: "Iscrizione gratuita: si paga solo la merce, a prezzo di gruppo" }],
    places: [{ name: "Punto ritiro Dono", address: "Via Manzoni 4", postalCode: "22020", comune: "faloppio", dLat: -0.0009, dLon: 0.0013 }],
    hours: [{ days: [6], opens: "10:00", closes: "12:00" }],
    contact: { email: "acquisti@dono.twb.example", phone: "+39 031 000 1010" },
  },
  {
    slug: "tutoring-tra-pari",
    name: "Tutoring tra pari",
    description:
      "Studenti delle superiori affiancano ragazzi delle medie nello studio, una volta a settimana, con la supervisione degli insegnanti: chi aiuta impara, chi è aiutato ritrova fiducia.",
    organizations: ["ic-faloppio", "vela-dislessia", "meet"],
    terms: ["mutuo-aiuto.tutoring", "scuola-dsa.dispersione"],
    eligibility: "Ragazzi della secondaria di primo grado segnalati dagli insegnanti; tutor dai 16 anni.",
    ages: [11, 19],
    applicationProcess: "Tramite l'insegnante referente della scuola.",
    costs: [{ kind: "FREE" }],
    places: [{ name: "Scuola secondaria di Faloppio", address: "Via Gorizia 3", postalCode: "22020", comune: "faloppio", dLat: 0.0014, dLon: -0.001, accessibility: ACCESSIBLE }],
    hours: [{ days: [3], opens: "14:30", closes: "16:30" }],
    contact: { name: "Referente DSA", email: "tutoring@ic-faloppio.twb.example", phone: "+39 031 000 1111" },
  },
];
