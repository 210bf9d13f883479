"""Las reglas en español: lo que una frase no debe decir, y qué escribir en su lugar.

Patterns are written for normalised text (text.py): lower case, without accents, so
"está", "esta" and "ESTÁ" are one word. Same categories and facts as rules_en.py.
"""

from __future__ import annotations

from .matcher import rule
from .rules_en import APPROVAL, EFFICACY, EMERGENCY, SAFETY, SAFETY_RULE

CONDITION = (r"(depresion|ansiedad|tept|estres postraumatico|dolor|trastornos?|enfermedad(es)?|estres|adiccion|"
             r"tristeza|sintomas)")
NEXT_DAY = (r"\b(24 horas|veinticuatro horas|un dia (completo|entero)?|dia siguiente|al otro dia|manana|toda la noche|"
            r"una noche (completa|entera)|despues de dormir|haber dormido|noche de sueno|una noche)\b")
IS_FINE = (r"\b(esta|estan|es|son|sera|seria|parece)( perfectamente| totalmente| completamente| muy| normalmente)? "
           r"(bien|segur[oa]s?|aceptable|permitid[oa]s?|inofensiv[oa]s?)\b|\bno (hay|pasa) (ningun )?(problema|nada)\b|"
           r"\bno (le )?(hace|hara|va a hacer) (ningun )?dano\b|\bsin problema\b|\bse vale\b|\bno tiene nada de malo\b|"
           r"\bno (hace falta|hay que|necesita) esperar\b")


def puede(verbs: str, imperatives: str) -> str:
    """Permission: "puede manejar", "no hay problema en manejar", "maneje a casa", "la mayoría maneja"."""
    modal = (r"(puede|podra|podria|pueden|se puede|es posible|tiene permiso para|esta bien|no hay problema en|"
             r"no pasa nada si|es seguro|no hace falta esperar para|puede usted)")
    return (rf"\b{modal}( usted)?( ya| tambien| incluso| tranquilamente| sin problema)? ({verbs})\b|"
            rf"(^|(?<=[,;:] )|\b(luego|despues|solo|simplemente|y|entonces) )({imperatives})\b|"
            rf"\b(la mayoria|muchas personas|mucha gente|muchos pacientes)( de (las personas|los pacientes|la gente))?"
            rf"( puede| pueden)? ({verbs}|{imperatives})\b")


RULES = [
    # -- promesas de eficacia ---------------------------------------------------------
    rule(EFFICACY, "promete una cura",
         'diga que puede ayudar por un tiempo, p. ej. "La ketamina puede aliviar la depresión por un tiempo. No es una cura."',
         rf"\b(una cura|la cura|curacion|curativ[oa]s?|curara|curaran|(lo|la|le|los|las) cura|cura (la |el |su |sus |los |"
         rf"las )?{CONDITION}|(elimina|acaba con|termina con|quita|borra) (la |el |su |sus |toda la |todo el )?{CONDITION})\b",
         (r"\b(curar(la|le|lo|se)?|se curan?|curad[oa]s?)\b", r"\b(ketamina|infusion(es)?|tratamiento|" + CONDITION + r")\b")),
    rule(EFFICACY, "promete un alivio que dura",
         'diga que el efecto a menudo pasa, p. ej. "En muchas personas el alivio pasa. Puede necesitar más infusiones."',
         (r"\b(permanente|permanentes|permanentemente|para siempre|duraderos?|duraderas?|definitiv[oa]s?|definitivamente|"
          r"de por vida|de una vez por todas|nunca (vuelve|volvera|regresa|regresara))\b",
          r"\b(alivio|resultados?|efectos?|mejoria|mejora|bienestar|curacion|solucion|beneficios?|remision|mejor|bien|"
          r"cambio)\b"),
         rf"\b{CONDITION} (se va|se ira|desaparece|desaparecera|se acaba|se acabara|se termina|se terminara) (para siempre|de por vida|definitivamente)\b|"
         rf"\b{CONDITION} nunca (vuelve|volvera|regresa|regresara)\b",
         (r"\b(para siempre|definitivamente|de una vez por todas|de por vida)\b", rf"\b{CONDITION}\b"),
         honest=r"\b(danos?|problemas?|lesion(es)?|vejiga|higado|rinones?|riesgos?|efectos secundarios)\b"),
    rule(EFFICACY, "promete un resultado",
         'diga lo que puede pasar, p. ej. "Muchas personas se sienten mejor, pero no todas."',
         r"\b(garantiza|garantizan|garantizad[oa]s?|garantia|garantizamos|garantizar|asegurad[oa]s?|aseguramos|"
         r"100 ?% (eficaz|efectiv[oa]|de exito)|exito (asegurado|garantizado|total)|nunca falla|sin falta|"
         r"seguro que (funciona|le ayudara|va a funcionar))\b"),
    rule(EFFICACY, "promete que funciona para todos",
         'diga que ayuda a algunas personas, p. ej. "Ayuda a muchas personas, pero no a todas."',
         r"\b(funciona|funcionan|sirve|ayuda|es eficaz|es efectiva|da resultado|funcionara|ayudara|es util)( bien)? "
         r"(para|con|en|a) (todos|todas|todo el mundo|cualquier persona|cualquiera|todas las personas|todos los pacientes|"
         r"cada paciente|cada persona|todos los casos|el 100 ?%)\b",
         r"\b(todos|todas|todo el mundo|todas las personas|todos los pacientes|cualquier persona) (mejoran|mejora|"
         r"responden|responde|se sienten mejor|se siente mejor|se recuperan|se curan)\b",
         r"\bsiempre (funciona|ayuda|da resultado)\b"),
    rule(EFFICACY, "promete un resultado inmediato",
         'diga que puede tardar horas o días, y que puede no ayudar, p. ej. "Algunas personas se sienten mejor en unas horas o días."',
         (r"\b(inmediat[oa]s?|inmediatamente|de inmediato|al instante|instantane[oa]s?|instantaneamente|enseguida|"
          r"en seguida|en minutos|de la noche a la manana|desde la primera (infusion|sesion|dosis)|al momento)\b",
          r"\b(alivio|resultados?|mejoria|mejora|mejor|funciona|funcionan|ayuda|cura|feliz|cambio|"
          r"efectos?(?! (secundarios?|adversos?|no deseados?)))\b"),
         honest=r"\b(llame|llamar|vaya|busque ayuda|marque|avise|escriba)\b"),
    rule(EFFICACY, "dice que es un milagro", "describa lo que hace con palabras sencillas",
         r"\b(milagr\w*|magic[oa]|solucion magica)\b"),
    # -- seguridad absoluta -------------------------------------------------------------
    rule(SAFETY, "dice que es completamente segura",
         "ningún tratamiento está libre de riesgos: nombre los efectos secundarios comunes y los riesgos",
         r"\b(completamente|totalmente|perfectamente|absolutamente|100 ?%|cien por ciento|siempre|del todo|enteramente) "
         r"(segur[oa]s?|inofensiv[oa]s?|sin riesgos?)\b",
         r"\bsegur[oa]s? para (todos|todas|todo el mundo|cualquier persona|cualquiera)\b",
         r"\b(sin|cero|ningun) (ningun )?riesgos?\b|\bno (hay|tiene|conlleva|implica|presenta) (ningun |"
         r"ninguna )?(riesgos?|peligros?)\b|\blibre de riesgos?\b|\bno es peligros[oa]\b",
         (r"\binofensiv[oa]s?\b", r"\b(ketamina|infusion(es)?|tratamientos?|terapia|medicamentos?|medicinas?)\b")),
    rule(SAFETY, "dice que no tiene efectos secundarios",
         "diga qué efectos secundarios son comunes y que suelen pasar en unas horas",
         r"\b(sin|cero|ningun|ninguno|ningunos|libre de|no (tiene|causa|produce|da|hay|provoca|presenta|deja))( ningun| "
         r"ningunos| ninguna)? (efectos? secundarios?|efectos? adversos?|efectos? no deseados?)\b",
         r"\bno (tendra|va a tener|sentira|notara)( ningun| ningunos)? (efectos? secundarios?|efectos? adversos?)\b",
         honest=r"\b(si|algunas|algunos|muchas|muchos|puede que|quizas|tal vez|la mayoria)\b"),
    rule(SAFETY, "dice que no se puede abusar de ella ni crea adicción",
         'se puede abusar de la ketamina: dígalo, p. ej. "Se puede abusar de la ketamina. Úsela solo en la clínica."',
         r"\bno (es|son) adictiv[oa]s?\b|\bno (causa|crea|produce|genera|da) (adiccion|dependencia)\b|"
         r"\bno (engancha|crea habito)\b",
         r"\b(sin|ningun|cero|no hay|no tiene|no existe) (riesgo|peligro|posibilidad) (de|para) (adiccion|abuso|"
         r"dependencia|sobredosis|hacerse adict[oa]|volverse adict[oa]|engancharse)\b",
         r"\bno (se )?(puede|podra) (volver(se)?|hacer(se)?|ser) (adict[oa]|dependiente)\b|\bimposible (de )?(abusar|"
         r"volverse adict[oa]|hacerse adict[oa]|engancharse)\b"),
    # -- aprobación de la FDA -----------------------------------------------------------
    rule(APPROVAL, "dice que la FDA la aprobó para este uso",
         'es uso fuera de indicación: escriba "La ketamina no está aprobada por la FDA para tratar la depresión." '
         "(el producto aprobado es la esketamina en aerosol nasal, Spravato)",
         (r"\bfda\b",
          r"\b(aprobad[oa]s?|aprobo|aprueba|ha aprobado|aprobacion|autorizad[oa]s?|autorizo|ha autorizado|autorizacion|"
          r"avalad[oa]s?|avalo|aval|respaldad[oa]s?|certificad[oa]s?|visto bueno|luz verde|reconocid[oa]s?)\b"),
         r"\b(ketamina|infusion(es)?|tratamiento|esta|es) (esta|estan|fue|fueron|ha sido|han sido)? ?(oficialmente |ya )?"
         r"(aprobad[oa]s?|autorizad[oa]s?) (para|como tratamiento (para|de)|en el tratamiento de)\b",
         honest=r"\b(esketamina|spravato|aerosol nasal|spray nasal|anestesi\w*|cirugia|sedacion|fuera de indicacion)\b"),
    # -- contradicen las reglas de seguridad de la guía ----------------------------------
    rule(SAFETY_RULE, "permite manejar después de una infusión",
         'escriba la regla: "No maneje ni use máquinas por lo menos por 24 horas, y no lo haga hasta después de dormir toda la noche."',
         puede(r"manejar|conducir|maneja|conduce|ponerse al volante|usar maquinas|usar maquinaria|operar maquinas",
               r"maneje|conduzca|manejen|conduzcan"),
         (r"\b(manejar|conducir|manejando|conduciendo|ponerse al volante)\b(?! por usted)", IS_FINE),
         honest=NEXT_DAY + r"|\b(otra persona|alguien|un amigo|una amiga|un familiar|su acompanante|un adulto|su pareja|"
                r"un conductor)\b|\b(le|lo|la) (lleve|lleva|maneje)\b|por usted\b"),
    rule(SAFETY_RULE, "permite tomar alcohol el día de la infusión",
         'escriba la regla: "No tome alcohol por lo menos por 24 horas."',
         (r"\b(alcohol|alcoholic[oa]s?|vinos?|cervezas?|tragos?|copas?|copita|licor(es)?|tequila|whisky|vodka|ron|"
          r"una bebida|chelas?)\b",
          IS_FINE + "|" + puede(r"tomar(se)?|beber|brindar|disfrutar", r"tome|tomese|beba|disfrute|brinde")),
         honest=NEXT_DAY),
    rule(SAFETY_RULE, "permite irse a casa sin compañía",
         'escriba la regla de la clínica con la macro, p. ej. "Otra persona tiene que llevarle a casa."',
         (r"\b(ir(se)?|volver|regresar|marcharse|salir|caminar|vaya(se)?|vuelva|regrese|se va|se vaya|vuelve|regresa|ira|"
          r"volvera|regresara|manejar|irse)( a (su )?casa| a su hogar)? (sol[oa]s?|por su cuenta|por si mism[oa]|"
          r"sin (compania|nadie|acompanante))\b|\b(sol[oa]) a (su )?casa\b",
          IS_FINE + r"|\b(puede|podra|podria|pueden|se puede|esta bien|la mayoria|mucha gente|muchas personas)\b|"
          r"(^|(?<=[,;:] ))(vuelva|regrese|vayase|vaya|camine|salga)\b"),
         r"\bno (necesita|hace falta|es necesario|se necesita)( que)? (un acompanante|acompanante|alguien|nadie|"
         r"compania|que (le|lo|la) (acompanen|lleven))\b",
         escort=True),
    rule(SAFETY_RULE, "permite irse en taxi o con un servicio de transporte sin compañía",
         "escriba las reglas de la clínica con las macros: un taxi o un servicio de transporte solo no cuenta",
         (r"\b(taxis?|uber|lyft|remis|colectivo|autobus|camion|bus|metro|transporte publico|servicio de transporte|"
          r"aplicacion de transporte)\b",
          IS_FINE + "|" + puede(r"tomar|pedir|llamar a|usar|irse en|volver en|regresar en", r"tome|pida|llame a|use")),
         honest=r"\b(con (un adulto|alguien|otra persona|su acompanante|un familiar|un amigo|una amiga|el adulto)|"
                r"acompanad[oa]s?|conductor|chofer|cuenta|basta|sirve|acompanante)\b",
         escort=True),
    rule(SAFETY_RULE, "permite sedantes o pastillas para dormir después de la infusión",
         'escriba la regla: "No tome pastillas para dormir ni otros medicamentos que le den sueño por 24 horas, '
         'a menos que su equipo médico le diga que sí."',
         (r"\b(pastillas? para dormir|somniferos?|sedantes?|tranquilizantes?|calmantes?|benzodiazepinas?|xanax|valium|"
          r"ativan|klonopin|clonazepam|alprazolam|lorazepam|diazepam|ambien|zolpidem|benadryl|difenhidramina|nyquil|"
          r"opioides?|opiaceos?|relajantes musculares|algo para dormir|pastilla para el sueno|(medicamentos?|medicinas?) "
          r"para dormir)\b",
          IS_FINE + "|" + puede(r"tomar(se|la|lo|las|los)?|usar", r"tome|tomese|use|pruebe") +
          r"|\b(le )?(ayuda|ayudara|ayudan|puede ayudar(le)?) a (dormir|descansar|relajarse|calmarse)\b"),
         honest=NEXT_DAY + r"|\b(pregunte|consulte|hable con|llame|a menos que|salvo que|solo si|si su (equipo|medico|doctor)|"
                r"(equipo medico|medico|doctor|doctora) (le )?(dice|diga|indica|indique|autoriza))\b"),
    rule(SAFETY_RULE, "dice que deje un medicamento antes de la infusión",
         'escriba la regla: "No deje ni se salte sus medicamentos diarios por su cuenta. Pregunte a su equipo médico qué tomar ese día."',
         r"\b(deje de tomar|dejar de tomar|deja de tomar|deje|suspenda|suspender|suspendan|salte|saltese|saltarse|omita|"
         r"omitir|pare de tomar|parar de tomar|interrumpa|abandone|no tome|no se tome|olvidese de)( (sus|su|los|las|el|la|"
         r"todas|todos|sus|de|diarios?|habituales?|usuales?|de siempre|de la manana)){0,3} (medicamentos?|medicinas?|"
         r"pastillas?|pildoras?|antidepresivos?|remedios?|dosis|tratamientos?|recetas?)\b",
         honest=r"\b(su (equipo( medico)?|medico|doctor|doctora|enfermer[oa]|profesional de salud) (le )?(puede|podria|"
                r"va a|dira|diga|dice|indique|indica|pida|pide)|a menos que|salvo que|pregunte|consulte|hable con|"
                r"si (deja|dejo|ha dejado|suspende|suspendio|olvida|olvido)|dormir|sueno|sedantes?|alcohol)\b"),
    # -- emergencias que se minimizan ---------------------------------------------------
    rule(EMERGENCY, "le dice al lector que espere ante una emergencia",
         'escriba qué hacer: "Llame al 911 si tiene dolor de pecho o le cuesta respirar. '
         'Llame o envíe un mensaje al 988 si piensa en el suicidio."',
         (r"\b(dolor (de|en el) pecho|opresion en el pecho|presion en el pecho|(dificultad|problemas?|trabajo) para respirar|"
          r"cuesta respirar|falta de aire|no (puede|pueda) respirar|ahogo|se ahoga|pensamientos (de|sobre) (suicidio|"
          r"quitarse la vida|hacerse dano|matarse|morir)|pensamientos suicidas|ideas suicidas|ideas de (suicidio|quitarse "
          r"la vida|hacerse dano)|suicidio|ganas de morir|querer morir|quiere morir(se)?|quitarse la vida|hacerse dano|"
          r"autolesion(es)?|convulsion(es)?|ataque epileptico|desmayos?|desmayarse|se desmaya|perder el conocimiento|"
          r"pierde el conocimiento|no (se )?(puede|pueda) despertar|no despierta|derrame cerebral|accidente "
          r"cerebrovascular|hinchazon de (la )?(cara|labios|lengua|garganta)|labios morados)\b",
          r"\b((es|son|esta|resulta|parece)( completamente| totalmente| muy| bastante| algo)? (normal(es)?|comun(es)?|"
          r"esperable|de esperar|habitual(es)?|inofensiv[oa]|leve|pasajer[oa])|no es (nada )?grave|no es (motivo|razon) "
          r"(de|para) (preocuparse|preocupacion|alarma)|no (hay|tiene) (de|por) que preocuparse|no se preocupe|nada de "
          r"que preocuparse|no (hace falta|es necesario|necesita|tiene que|hay que|debe) (llamar|ir|preocuparse|buscar "
          r"ayuda|avisar)|no llame|espere (a|hasta)( su| la)? (proxima|siguiente) (cita|consulta|visita|infusion|sesion)|"
          r"(se le )?pasara( sol[oa])?|se (le )?pasa( sol[oa])?|se va sol[oa]|desaparece (sol[oa]|por si sol[oa])|"
          r"(es|significa) (una senal de )?que (el tratamiento|la ketamina) (esta funcionando|funciona)|parte (del|de su) "
          r"(tratamiento|proceso)|comentelo en su (proxima|siguiente) (cita|visita)|descanse y (ya )?(se le )?pasara)\b"),
         honest=r"\b(llame|llamar|marque|envie un mensaje|mande un mensaje|escriba)( al| a)? (911|988|una ambulancia|"
                r"emergencias)|\b(vaya|ir) a (la sala de )?(emergencias|urgencias)|\bsala de emergencias\b",
         one_clause=True),
]
