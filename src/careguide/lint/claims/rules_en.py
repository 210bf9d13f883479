"""The English claim rules: what a sentence must not say, and what to write instead.

Patterns are written for normalised text (text.py): lower case, no accents, hyphens as
spaces, "don't" as "do not". The facts behind them are in ../shared/content-brief.md.
"""

from __future__ import annotations

from .matcher import rule

EFFICACY, SAFETY, APPROVAL, SAFETY_RULE, EMERGENCY = (
    "efficacy-promise", "safety-absolute", "approval-claim", "safety-rule-contradiction", "emergency-minimised")

CONDITION = r"(depression|anxiety|ptsd|pain|ocd|bipolar|suicidal (thoughts|ideas)|mood|mental illness|addiction|symptoms)"
NEXT_DAY = (r"\b(24 hours|twenty four hours|a (full |whole )?day|day after|next day|following day|next morning|"
            r"tomorrow|(full|good|whole) night|night of sleep|night'?s sleep|after (you have |you )?(slept|sleep|sleeping)|"
            r"a night)\b")
# Permission said outright: "is fine", "will not hurt", "no problem".
IS_FINE = (r"\b(is|are|should be|will be|would be|seems|sounds)( usually| generally| probably| perfectly| totally|"
           r" completely| quite| normally| often| still| also)? (fine|ok|okay|safe|alright|all right|acceptable|allowed|"
           r"no problem|not a problem|harmless)\b|\b(will|does|should|would|can) not (hurt|harm|do (any )?harm)\b|"
           r"\bno harm in\b|\bnothing wrong with\b|\bno problem\b|\bno (need|reason) to wait\b")


def may(verbs: str) -> str:
    """Permission to do `verbs`: "you can drive", "feel free to drive", "drive home", "most people drive"."""
    modal = (r"(can|may|could|are (free|able|allowed|welcome|cleared|good|safe) to|it is (fine|ok|okay|safe|alright|"
             r"all right|no problem|perfectly fine) to|feel free to|go ahead and|should be (fine|ok|okay|able) to|"
             r"will be (fine|ok|okay|able) to|no need to wait (before you|to)|is fine to|are fine to)")
    return (rf"\b{modal}( still| also| even| always| safely| easily| just)? ({verbs})\b|"
            rf"(^|(?<=[,;:] )|\b(then|just|simply|please|so|and) )({verbs})\b|\b(most|many) (people|patients)( can| will| usually)? ({verbs})\b")


RULES = [
    # -- efficacy promises ------------------------------------------------------------
    rule(EFFICACY, "promises a cure",
         'say it can help for a while, e.g. "Ketamine can ease depression for a time. It is not a cure."',
         r"\b(cures?|cured|curing|curative)\b",
         rf"\b(heals?|fix(es)?|ends?|eliminates?|erases?|wipes? out|gets? rid of|beats?|defeats?|reverses?) "
         rf"(your |the |all )?{CONDITION}"),
    rule(EFFICACY, "promises relief that lasts",
         'say the effects often fade, e.g. "For many people the relief fades. More infusions may be needed."',
         (r"\b(permanent|permanently|lasting|long lasting|lifelong|life long|durable|for good|forever|for life|"
          r"once and for all|never (come|comes|coming) back|(will|does) not (come|coming) back|never return)\b",
          r"\b(relief|results?|(?<!side )effects?|cure|fix|solution|recovery|better|well|gone|benefits?|improvement|"
          r"remission|healing|difference|change)\b"),
         rf"\b{CONDITION} (is |are |will be |stays? )?(gone|cured|over) (for good|forever|for life)\b|"
         rf"\b{CONDITION} (will )?never (come|comes) back\b",
         (r"\b(forever|for good|once and for all|permanently|for life)\b", rf"\b{CONDITION}\b"),
         r"\b(relief|results?|benefits?|improvement|(?<!side )effects?) (will )?(lasts?|stays?) (a lifetime|forever|for life|"
         r"for good|for years|permanently)\b",
         honest=r"\b(damage|harm|problems?|injury|bladder|liver|kidney|side effects?|risks?)\b"),
    rule(EFFICACY, "promises a result",
         'say what may happen, e.g. "Many people feel better, but not everyone does."',
         r"\b(guarantee[sd]?|guaranteeing|100 ?% (success|successful|effective|results?|of (people|patients))|"
         r"promised results|sure to (work|help)|certain to (work|help)|bound to (work|help)|will definitely (work|help)|"
         r"without fail|never fails|success rate of (9\d|100))\b"),
    rule(EFFICACY, "promises that it works for everyone",
         'say it helps some people, e.g. "It helps many people, but not everyone."',
         r"\b(works?|worked|working|helps?|helped|is effective|successful) (for|with|in|on) (everyone|everybody|all|"
         r"anyone|anybody|every (patient|person|one|case|type)|each (patient|person)|100 ?%)\b",
         r"\b(everyone|everybody|every patient|all patients|all people|every single patient) (responds?|improves?|"
         r"gets? better|feels? better|benefits?|recovers?|is helped)\b",
         r"\b(always|every time) (works?|helps?)\b|\bworks every time\b|\b(works|helps|helped) (for )?(100 ?%|all) of\b"),
    rule(EFFICACY, "promises an instant result",
         'say it can take hours or days, and may not help, e.g. "Some people feel better within hours or days."',
         (r"\b(immediate|immediately|instant|instantly|instantaneous|right away|overnight|straight away|at once|"
          r"within minutes|in minutes|from the (very )?first (infusion|session|dose))\b",
          r"\b(relief|results?|better|well|good|great|works?|improvement|cure|healing|difference|happy|happier|lift|"
          r"relieved|recovery|fix|helps?|transform|benefits?|(?<!side )effects? (is|are))\b"),
         honest=r"\b(call|text|dial|tell|go to|seek|get help|contact)\b"),
    rule(EFFICACY, "calls it a miracle", "describe what it does in plain words",
         r"\b(miracle\w*|miraculous|wonder drug|magic bullet|magic cure)\b"),
    # -- safety absolutes -------------------------------------------------------------
    rule(SAFETY, "says it is completely safe",
         'no treatment is without risk: name the common side effects and the risks, as side-effects.md does',
         r"\b(completely|totally|perfectly|entirely|absolutely|100 ?%|100 percent|fully|utterly|always|guaranteed) "
         r"(safe|harmless|risk free|without risks?)\b",
         r"\bsafe for (everyone|everybody|anyone|all|every (patient|one|body))\b",
         (r"\bharmless\b", r"\b(ketamine|infusions?|treatments?|therapy|medicines?|drugs?|it is|this is)\b"),
         r"\b(risk free|zero risks?|no risks?|without (any )?risks?|free (of|from) (any )?risks?|no dangers?|"
         r"not dangerous|no (known )?(long term|lasting|permanent) (effects|risks|harm|damage|problems))\b",
         r"\b(can not|will not|could not|never) (hurt|harm|damage) you\b|\bnothing (can|will|could) go wrong\b"),
    rule(SAFETY, "says it has no side effects",
         'say which side effects are common and that they usually pass within hours',
         r"\b(no|zero|without( any)?|free (of|from)( any)?|never any) (side effects?|adverse effects?|after effects?)\b",
         r"\bside effects? free\b",
         r"\b(will|do|does) not (have|get|cause|experience|feel|produce|give you) any (side effects?|adverse effects?)\b",
         (r"\bside effects?\b", r"\b(there are none|none at all|none whatsoever)\b"),
         honest=r"\b(if|whether|some|many|most|may|might|can)\b"),
    rule(SAFETY, "says it cannot be misused or addictive",
         'ketamine can be misused (a Schedule III drug): say so, e.g. "Ketamine can be misused. Take it only at the clinic."',
         r"\b(not|non|never|no) (addictive|habit forming|addicting)\b",
         r"\b(can not|will not|could not|do not|never|no way to) (become |get |be |grow )?(addicted|hooked|dependent)\b",
         r"\b(no|zero) (risk|chance|danger|potential|possibility) (of|for) (addiction|abuse|misuse|dependence|dependency|"
         r"becoming addicted|overdose|getting addicted)\b",
         r"\b(zero|no) (addiction|abuse) (risk|potential)\b|\bimpossible to (abuse|misuse|get addicted|overdose)\b|"
         r"\bcan not be (abused|misused)\b"),
    # -- approval claims --------------------------------------------------------------
    rule(APPROVAL, "says the FDA approved it for this use",
         'IV ketamine is off-label: write "Ketamine is not approved by the FDA to treat depression." '
         "(esketamine nasal spray, Spravato, is the approved product)",
         (r"\bfda\b",
          r"\b(approved?|approval|approves|cleared|clearance|authori[sz]ed|authori[sz]ation|sanctioned|endorsed|"
          r"licensed|backed|blessing|green light|recogni[sz](ed|es))\b"),
         (r"\b(ketamine|infusions?|it|this treatment|the treatment|this therapy) (is|are|has been|have been|was|were) "
          r"(officially |fully |now |already )?(approved|cleared|authori[sz]ed|licensed) (for|to treat|as a treatment for|"
          r"in the treatment of)\b"),
         r"\b(government|federally) approved\b",
         honest=r"\b(esketamine|spravato|nasal spray|anesth\w*|anaesth\w*|surgery|sedation|off label|whether)\b"),
    # -- contradictions of the guide's safety rules ------------------------------------
    rule(SAFETY_RULE, "allows driving after an infusion",
         'write the rule: "Do not drive or use machinery for at least 24 hours, and not until after a full night\'s sleep."',
         may(r"drive(?! you\b)|drive yourself|get behind the wheel|take the wheel|operate (heavy )?machinery|use (heavy )?machinery|"
             r"ride (a|your) (bike|bicycle|motorcycle|scooter)"),
         (r"\b(driving|to drive|drive yourself|operating machinery|getting behind the wheel)\b(?! you\b)", IS_FINE),
         honest=NEXT_DAY + r"|\b(someone|somebody|another (adult|person)|a (friend|relative|family member|responsible adult|"
                r"driver)|your (friend|escort|partner|companion|driver|family|caregiver|ride)|they)( else)? (can|may|must|"
                r"should|will|has to|needs to|is able to)\b"),
    rule(SAFETY_RULE, "allows alcohol on the day of an infusion",
         'write the rule: "Do not drink alcohol for at least 24 hours."',
         (r"\b(alcohol|alcoholic|wine|beers?|liquor|spirits|booze|cocktails?|a drink|one drink|two drinks|a few drinks|"
          r"(?<!soft )(?<!sports )(?<!energy )drinks|champagne|whiske?y|vodka|a pint|a nightcap|a glass of)\b",
          IS_FINE + "|" + may(r"have|drink|enjoy|grab|pour|celebrate|toast|unwind|relax|sip|treat yourself")),
         honest=NEXT_DAY),
    rule(SAFETY_RULE, "lets you go home alone",
         'write the clinic\'s escort rule with the macro, e.g. "Someone else must take you home."',
         (r"\b(go|going|get|getting|head|heading|travel|travelling|traveling|walk|walking|ride|riding|leave|leaving|"
          r"make your way|return|returning|be discharged|drive)( back)?( home)? (alone|by (yourself|themselves|himself|herself)|"
          r"on (your|their|his|her) own|"
          r"unaccompanied|without (an escort|anyone|someone|a companion|company|a driver|another adult|an adult))\b",
          IS_FINE + "|" + may(r"go|get|head|travel|walk|ride|leave|make|return|be discharged|drive") + r"|\byou will\b"),
         r"\bno (escort|companion|driver|one) (is )?(needed|necessary|required)\b|"
         r"\b(do|will) not need (an escort|someone|anyone|a companion|a driver)\b|\bno need for (an escort|someone|anyone)\b|"
         r"\b(escort|companion) (is )?not (needed|required|necessary)\b",
         escort=True),
    rule(SAFETY_RULE, "lets you go home by taxi or ride service on your own",
         'write the clinic\'s escort and taxi rules with the macros: a taxi or ride service alone does not count',
         (r"\b(taxis?|cabs?|uber|lyft|rideshare|ride share|ride hailing|ride service|car service|bus|train|subway|metro|"
          r"public transport|public transit|transit|ride app)\b",
          IS_FINE + "|" + may(r"take|call|book|get|grab|order|hop in|catch|hail|use|ride")),
         honest=r"\b(with (an adult|someone|a friend|your escort|a family member|another adult|a relative|"
                r"a responsible adult|the adult|your companion|you)|an adult (rides|goes|comes|travels)|driver|count|counts|"
                r"enough|escort)\b",
         escort=True),
    rule(SAFETY_RULE, "allows sedatives or sleeping pills after an infusion",
         'write the rule: "Do not take sleeping pills or other drugs that make you sleepy for 24 hours, '
         'unless your care team says you can."',
         (r"\b(sleeping (pills?|tablets?|aids?|medicines?|medications?)|sleep (aids?|medicines?|medications?|pills?|"
          r"tablets?)|sedatives?|tranquill?i[sz]ers?|benzodiazepines?|benzos?|xanax|valium|ativan|klonopin|restoril|"
          r"lorazepam|alprazolam|diazepam|clonazepam|temazepam|ambien|zolpidem|lunesta|eszopiclone|benadryl|"
          r"diphenhydramine|nyquil|zzzquil|unisom|doxylamine|opioids?|oxycodone|hydrocodone|percocet|vicodin|codeine|"
          r"muscle relaxants?|something (to help you|to make you|that helps you) sleep|a pill to (help you )?sleep)\b",
          IS_FINE + "|" + may(r"take|use|have|try|pop") +
          r"|\b(will |can |may |could |should )?help(s)? (you )?(sleep|rest|relax|settle|calm down)\b"),
         honest=NEXT_DAY + r"|\b(ask|check with|talk (to|with)|call|unless|only if|as (your|the) (care team|doctor|clinician|"
                r"prescriber) (says|tells|said|advised)|(care team|clinician|doctor|prescriber) (says|tells|said|agrees))\b"),
    rule(SAFETY_RULE, "tells you to stop a medicine before an infusion",
         'write the rule: "Do not skip or stop your daily medicines on your own. Ask your care team what to take that day."',
         r"\b(stop|stopping|skip|skipping|quit|quitting|come off|coming off|go off|going off|get off|wean (yourself )?off|"
         r"cut out|hold|holding|pause|pausing|miss|drop|discontinue|discontinuing|cease|leave out|avoid taking)"
         r"( taking)?( (your|all|any|the|those|these|of your|daily|usual|regular|morning|normal|other|prescribed|each)){0,3} "
         r"(medicines?|medications?|meds|pills|tablets|antidepressants?|doses?|prescriptions?|drugs|ssris?|lithium|"
         r"lamotrigine|blood pressure (pills|medicines?|medications?))\b",
         r"\b(do not|not) take (your|any of your|any)( (usual|daily|regular|morning|normal|prescribed|other)){0,2} "
         r"(medicines?|medications?|meds|pills|tablets|antidepressants?)\b(?! with)",
         honest=r"\b((your |the )?(care team|clinician|doctor|prescriber|nurse|provider|team) (may|might|will|can|could|says|"
                r"tells|told|said|asks|advises|advised)|unless|ask|check with|talk (to|with)|if you (have )?(stop|stopped|"
                r"skip|skipped|miss|missed)|sleeping|sleep|sedatives?|alcohol)\b"),
    # -- emergencies minimised ----------------------------------------------------------
    rule(EMERGENCY, "tells a reader to wait with an emergency",
         'write what to do: "Call 911 for chest pain or trouble breathing. Call or text 988 for thoughts of suicide."',
         (r"\b(chest (pain|pains|tightness|pressure)|pain in (your|the) chest|tight chest|(trouble|difficulty|problems?|"
          r"hard time|struggling) breathing|hard to breathe|short(ness)? of breath|can not (breathe|catch your breath)|"
          r"not breathing|(thoughts|thinking) (of|about) (suicide|killing yourself|ending your life|self harm|hurting "
          r"yourself|dying)|suicidal|suicide|wanting to die|want to die|wish(ing)? you were dead|(urges?|thoughts) to "
          r"(hurt|harm|kill) yourself|self harm|hurting yourself|harm yourself|kill yourself|seizures?|convulsions?|"
          r"faint|fainting|fainted|passing out|pass out|passed out|black(ing)? out|can not be woken|will not wake|"
          r"hard to wake|unresponsive|stroke|face drooping|slurred speech|swelling of (the |your )?(face|lips|tongue|"
          r"throat)|swollen (face|lips|tongue|throat)|blue lips)\b",
          r"\b((is|are|it is|that is|this is|feels?|seems?)( completely| totally| perfectly| quite| very| pretty| fairly|"
          r" usually| often)? (a )?(normal|common|expected|usual|typical|harmless|nothing serious|not serious|not a (concern|worry|"
          r"problem)|no cause for concern|fine|ok|okay)|nothing to worry about|no (need|reason) to (call|worry|panic|go|seek|"
          r"get help|phone|ring|contact|see|rush)|(do|does|will|should) not (need|have) to (call|go|worry|seek|phone|"
          r"contact)|need not (call|worry)|do not (call|phone|bother|panic|worry)|(wait|hold off)( until| till| for)?( your|"
          r" the)? next (appointment|visit|infusion|session|check ?up)|mention it (at|during) your next|bring it up (at|"
          r"during) your next|(wait|sleep|rest) it (off|out)|(usually |will |should |often |soon )?(passes|pass(?! out)|"
          r"goes away|go away|settles|settle|wears off|wear off|clears up|clear up)( on its own| by itself| quickly)?|part of (the|your) (treatment|process|healing|experience)|a sign (it|that it|the "
          r"treatment) is working|means (it|the treatment) is working|just rest|ride it out)\b"),
         honest=r"\b(call|text|dial|phone|ring)( to)? (911|988|an ambulance|emergency)|\b(go to|get to) (the )?"
                r"(emergency|er|hospital)|\bemergency (room|department|services|help)\b|\bget (help|emergency help) "
                r"(right away|now|at once)",
         one_clause=True),
]
