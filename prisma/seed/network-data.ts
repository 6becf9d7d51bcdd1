import type { OrganizationKind, PlatformRole } from "../../app/generated/prisma/enums";

// The T.W.B. Community network as its programme lists it (shared/programme-twb-community.txt).
// A seat comune is given only where the organization's own name states it or it is its
// well-known seat; the others are completed by the network's admins from the directory.

export type SeedComune = { slug: string; name: string; latitude: number; longitude: number };

/** Comuni of the area (Olgiatese, Appianese, Uggiatese and Como), approximate town-centre coordinates. */
export const COMUNI: SeedComune[] = [
  { slug: "como", name: "Como", latitude: 45.8081, longitude: 9.0852 },
  { slug: "olgiate-comasco", name: "Olgiate Comasco", latitude: 45.7853, longitude: 8.9679 },
  { slug: "appiano-gentile", name: "Appiano Gentile", latitude: 45.7355, longitude: 8.9797 },
  { slug: "faloppio", name: "Faloppio", latitude: 45.8108, longitude: 8.9647 },
  { slug: "uggiate-con-ronago", name: "Uggiate con Ronago", latitude: 45.8236, longitude: 8.9614 },
  { slug: "albiolo", name: "Albiolo", latitude: 45.8063, longitude: 8.9401 },
  { slug: "beregazzo-con-figliaro", name: "Beregazzo con Figliaro", latitude: 45.7787, longitude: 8.9468 },
  { slug: "binago", name: "Binago", latitude: 45.7817, longitude: 8.9231 },
  { slug: "bizzarone", name: "Bizzarone", latitude: 45.8346, longitude: 8.9455 },
  { slug: "castelnuovo-bozzente", name: "Castelnuovo Bozzente", latitude: 45.7667, longitude: 8.9400 },
  { slug: "colverde", name: "Colverde", latitude: 45.8113, longitude: 9.0019 },
  { slug: "lurate-caccivio", name: "Lurate Caccivio", latitude: 45.7675, longitude: 8.9995 },
  { slug: "oltrona-di-san-mamette", name: "Oltrona di San Mamette", latitude: 45.7555, longitude: 8.9740 },
  { slug: "rodero", name: "Rodero", latitude: 45.8252, longitude: 8.9139 },
  { slug: "solbiate-con-cagno", name: "Solbiate con Cagno", latitude: 45.7880, longitude: 8.9346 },
  { slug: "valmorea", name: "Valmorea", latitude: 45.8148, longitude: 8.9283 },
  { slug: "villa-guardia", name: "Villa Guardia", latitude: 45.7761, longitude: 9.0249 },
  { slug: "guanzate", name: "Guanzate", latitude: 45.7253, longitude: 9.0156 },
  { slug: "bulgarograsso", name: "Bulgarograsso", latitude: 45.7476, longitude: 9.0081 },
  { slug: "veniano", name: "Veniano", latitude: 45.7175, longitude: 8.9855 },
  { slug: "lomazzo", name: "Lomazzo", latitude: 45.6985, longitude: 9.0390 },
  { slug: "cadorago", name: "Cadorago", latitude: 45.7233, longitude: 9.0366 },
  { slug: "cassina-rizzardi", name: "Cassina Rizzardi", latitude: 45.7513, longitude: 9.0252 },
  { slug: "luisago", name: "Luisago", latitude: 45.7610, longitude: 9.0379 },
  { slug: "grandate", name: "Grandate", latitude: 45.7757, longitude: 9.0568 },
  { slug: "montano-lucino", name: "Montano Lucino", latitude: 45.7863, longitude: 9.0433 },
  { slug: "san-fermo-della-battaglia", name: "San Fermo della Battaglia", latitude: 45.8081, longitude: 9.0464 },
  { slug: "maslianico", name: "Maslianico", latitude: 45.8434, longitude: 9.0464 },
  { slug: "cernobbio", name: "Cernobbio", latitude: 45.8419, longitude: 9.0711 },
];

export type SeedOrganization = {
  slug: string;
  name: string;
  kind: OrganizationKind;
  isLead?: boolean;
  comune?: string;
  description: string;
};

/** The lead body and the 22 partners of the programme. */
export const ORGANIZATIONS: SeedOrganization[] = [
  { slug: "consorzio", name: "Consorzio (ente capofila)", kind: "CONSORZIO", isLead: true, description: "Ente capofila del progetto T.W.B. Community: coordina la rete territoriale e le sue azioni prioritarie." },
  { slug: "dono", name: "Dono", kind: "ASSOCIAZIONE_PROMOZIONE_SOCIALE", description: "Associazione di promozione sociale della rete T.W.B. Community." },
  { slug: "vela-dislessia", name: "Vela Dislessia", kind: "ASSOCIAZIONE_VOLONTARIATO", description: "Associazione di volontariato che sostiene ragazzi con disturbi specifici dell'apprendimento (DSA) e le loro famiglie." },
  { slug: "meet", name: "M.e.e.t.", kind: "ASSOCIAZIONE_CULTURALE", description: "Associazione culturale della rete T.W.B. Community." },
  { slug: "compagnia-delle-opere-como", name: "Compagnia delle Opere Como", kind: "ASSOCIAZIONE_CATEGORIA", comune: "como", description: "Associazione di categoria di imprese e opere non profit del territorio comasco." },
  { slug: "confcooperative", name: "Confcooperative", kind: "ASSOCIAZIONE_CATEGORIA", description: "Associazione di rappresentanza delle cooperative." },
  { slug: "dialogica", name: "Dialogica", kind: "COOPERATIVA_SOCIALE", description: "Cooperativa sociale della rete T.W.B. Community." },
  { slug: "sim-patia", name: "Sim-patia", kind: "COOPERATIVA_SOCIALE", comune: "valmorea", description: "Cooperativa sociale che accoglie persone con disabilità." },
  { slug: "il-seme", name: "Il Seme", kind: "COOPERATIVA_SOCIALE", description: "Cooperativa sociale della rete T.W.B. Community." },
  { slug: "il-biancospino", name: "Il Biancospino", kind: "COOPERATIVA_SOCIALE", description: "Cooperativa sociale della rete T.W.B. Community." },
  { slug: "coop-paolo-fagetti", name: "Coop. Paolo Fagetti onlus", kind: "COOPERATIVA_SOCIALE", description: "Cooperativa sociale onlus della rete T.W.B. Community." },
  { slug: "l-ancora", name: "L'Ancora", kind: "COOPERATIVA_SOCIALE", description: "Cooperativa sociale della rete T.W.B. Community." },
  { slug: "il-mosaico", name: "Il Mosaico", kind: "COOPERATIVA_SOCIALE", description: "Cooperativa sociale della rete T.W.B. Community." },
  { slug: "oasi-mosaico", name: "Oasi Mosaico", kind: "COOPERATIVA_SOCIALE", description: "Cooperativa sociale della rete T.W.B. Community." },
  { slug: "caritas-appiano-gentile", name: "Caritas Appiano Gentile", kind: "ENTE_ECCLESIASTICO", comune: "appiano-gentile", description: "Caritas parrocchiale: ascolto e sostegno alle persone e alle famiglie in difficoltà." },
  { slug: "fondazione-scalabrini", name: "Fondazione Scalabrini", kind: "FONDAZIONE", description: "Fondazione della rete T.W.B. Community." },
  { slug: "fondazione-fagetti", name: "Fondazione Fagetti", kind: "FONDAZIONE", description: "Fondazione della rete T.W.B. Community." },
  { slug: "ic-faloppio", name: "Istituto Comprensivo Faloppio", kind: "ISTITUTO_SCOLASTICO", comune: "faloppio", description: "Istituto comprensivo statale: scuole dell'infanzia, primarie e secondaria di primo grado." },
  { slug: "ic-appiano-gentile", name: "Istituto Comprensivo Appiano Gentile", kind: "ISTITUTO_SCOLASTICO", comune: "appiano-gentile", description: "Istituto comprensivo statale: scuole dell'infanzia, primarie e secondaria di primo grado." },
  { slug: "ic-uggiate-trevano", name: "Istituto Comprensivo Uggiate Trevano", kind: "ISTITUTO_SCOLASTICO", comune: "uggiate-con-ronago", description: "Istituto comprensivo statale: scuole dell'infanzia, primarie e secondaria di primo grado." },
  { slug: "ic-olgiate-comasco", name: "Istituto Comprensivo Olgiate Comasco", kind: "ISTITUTO_SCOLASTICO", comune: "olgiate-comasco", description: "Istituto comprensivo statale: scuole dell'infanzia, primarie e secondaria di primo grado." },
  { slug: "prima-ricerca-e-sviluppo", name: "Prima ricerca & sviluppo", kind: "AZIENDA", description: "Azienda partner della rete T.W.B. Community." },
  { slug: "tessitura-taborelli", name: "Tessitura Taborelli", kind: "AZIENDA", description: "Azienda tessile partner della rete T.W.B. Community." },
];

export const DEMO_PASSWORD = "twb-demo-2026";

export type SeedDemoUser = {
  email: string;
  name: string;
  role: PlatformRole;
  organization: string | null;
  title: string;
  languages: string[];
};

/** One demo account per role (README, "Demo accounts"); seeded only in the embedded default or with SEED_DEMO=1. */
export const DEMO_USERS: SeedDemoUser[] = [
  { email: "admin@twb.example", name: "Giulia Bernasconi", role: "ADMIN", organization: "consorzio", title: "Amministratrice della piattaforma", languages: ["it", "en"] },
  { email: "coordinatore@twb.example", name: "Marco Frigerio", role: "COORDINATOR", organization: "consorzio", title: "Coordinatore di rete", languages: ["it", "en", "fr"] },
  { email: "facilitatore@twb.example", name: "Elena Ronchetti", role: "FACILITATOR", organization: "dialogica", title: "Facilitatrice dei laboratori", languages: ["it", "en"] },
  { email: "membro@twb.example", name: "Luca Galli", role: "MEMBER", organization: "il-seme", title: "Educatore", languages: ["it"] },
  { email: "scuola@twb.example", name: "Francesca Molteni", role: "MEMBER", organization: "ic-faloppio", title: "Docente referente DSA", languages: ["it", "en", "de"] },
  { email: "osservatore@twb.example", name: "Paolo Casartelli", role: "MEMBER", organization: "fondazione-scalabrini", title: "Osservatore", languages: ["it"] },
  { email: "azienda@twb.example", name: "Chiara Taborelli", role: "MEMBER", organization: "tessitura-taborelli", title: "Responsabile welfare aziendale", languages: ["it", "en"] },
];
