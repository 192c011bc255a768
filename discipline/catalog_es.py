"""The catalogs' Spanish text (issue 16, item 10): what the data migrations
write into the ``*_es`` fields, which district staff then edit beside the
English in the admin. Keyed by the English label (the same checklist entry
appears in several catalogs) and, for definitions, by reason code."""

LABELS_ES = {
    # Location/context (MiSiS form, section I)
    "Classroom": "Salón de clases",
    "Non-Classroom": "Fuera del salón de clases",
    "Going to or coming from school": "De camino a la escuela o de regreso",
    "School-sponsored activity": "Actividad patrocinada por la escuela",
    "At another school": "En otra escuela",
    "During lunch": "Durante el almuerzo",
    "Other": "Otro",
    # Possible motivation
    "Avoid Situation": "Evitar una situación",
    "Avoid Adult": "Evitar a un adulto",
    "Avoid Peer": "Evitar a un compañero",
    "Avoid Task": "Evitar una tarea",
    "Seek Attention": "Buscar atención",
    "Obtain Activity/Item": "Obtener una actividad u objeto",
    "Unknown": "Desconocida",
    # Other means of correction; administrative action
    "Conference with Parent": "Reunión con los padres",
    "Parent Contact": "Contacto con los padres",
    "Conference with Student": "Reunión con el estudiante",
    "Community Service": "Servicio comunitario",
    "Counseling by Support Staff": "Orientación por personal de apoyo",
    "Campus Beautification": "Embellecimiento del plantel",
    "Restitution": "Restitución",
    "Loss of Privileges": "Pérdida de privilegios",
    "Daily Behavior Monitoring": "Seguimiento diario de la conducta",
    "Behavior Support Plan": "Plan de apoyo a la conducta",
    "Behavior Contract": "Contrato de conducta",
    "Classroom Change": "Cambio de salón",
    "Seat Change": "Cambio de asiento",
    "Writing Reflections": "Reflexiones por escrito",
    "Individual Social Skills Instruction": "Enseñanza individual de habilidades sociales",
    "Review/Re-teach Expectations": "Repasar o volver a enseñar las expectativas",
    "Verbal Reminder": "Recordatorio verbal",
    "Required Parent Class Visit": "Visita obligatoria de los padres a la clase",
    "Recess (with admin. approval)": "Recreo (con aprobación de la administración)",
    "Referral - Community Agency": "Remisión: agencia comunitaria",
    "Referral - Substance Abuse": "Remisión: abuso de sustancias",
    "Referral - School Program/Service": "Remisión: programa o servicio escolar",
    "Referral - Parent Education": "Remisión: educación para padres",
    "Referral - Gang Reduction": "Remisión: reducción de pandillas",
    "Referral - Individual Counseling": "Remisión: orientación individual",
    "Referral - Group Counseling": "Remisión: orientación en grupo",
    "Referral - Counseling Individual": "Remisión: orientación individual",
    "Referral - Counseling Group": "Remisión: orientación en grupo",
    "Referral - Support Personnel": "Remisión: personal de apoyo",
    "Referral - Student Success Team (SST)": "Remisión: Equipo para el Éxito Estudiantil (SST)",
    "Referral - Discipline Review Team (DRT)": "Remisión: Equipo de Revisión Disciplinaria (DRT)",
    "Referral - Coordination of Services Team (COST)": (
        "Remisión: Equipo de Coordinación de Servicios (COST)"
    ),
    "Restorative Justice Program": "Programa de justicia restaurativa",
    "Peer Mediation": "Mediación entre compañeros",
    "Conflict Resolution": "Resolución de conflictos",
    "Crisis/Threat Assessment": "Evaluación de crisis o amenaza",
    "Probation Notification": "Notificación a libertad condicional",
    "Law Enforcement Notification": "Notificación a las fuerzas del orden",
    "Recommended for Expulsion": "Recomendado para expulsión",
    "Opportunity Transfer": "Traslado de oportunidad",
    "Suspension-School": "Suspensión de la escuela",
    "Suspension-In-School": "Suspensión dentro de la escuela",
    "Suspension-Class (teacher)": "Suspensión de la clase (maestro)",
    "Detention": "Detención",
    "LASPD Diversion Referral": "Remisión a desvío de LASPD",
    # Intervention types (Discipline Matrix, Tier I supports)
    "Alternative Programming (change teacher/class)": (
        "Programación alternativa (cambio de maestro o de clase)"
    ),
    "Assign a Mentor (Student and/or school Adult)": (
        "Asignar un mentor (estudiante o adulto de la escuela)"
    ),
    "Assign Educational Projects (i.e. Research Current/Relevant Topics)": (
        "Asignar proyectos educativos (p. ej., investigar temas actuales o pertinentes)"
    ),
    "Assign Reflective Tasks (i.e. Comic Strips, Letters to Self and Others, etc.)": (
        "Asignar tareas de reflexión (p. ej., historietas, cartas a sí mismo y a otros)"
    ),
    "Conflict Mediation": "Mediación de conflictos",
    "Daily/Weekly Check-in": "Seguimiento diario o semanal",
    "Family Survey (student Likes, Dislikes, Triggers)": (
        "Encuesta a la familia (gustos, disgustos y detonantes del estudiante)"
    ),
    "Individual Counseling (Psychiatric Social Worker (PSW), School Psychologist, "
    "Pupil Service Attendance (PSA) Counselor)": (
        "Orientación individual (trabajador social psiquiátrico (PSW), psicólogo escolar, "
        "consejero de Servicios y Asistencia Estudiantil (PSA))"
    ),
    "Individualized Student Safety Plan": "Plan de seguridad individual del estudiante",
    "Parent/student conference": "Reunión con los padres y el estudiante",
    "Recovery Time Think Sheet": "Hoja de reflexión para el tiempo de recuperación",
    "Referral to Student Support and Progress Team (SSPT)": (
        "Remisión al Equipo de Apoyo y Progreso Estudiantil (SSPT)"
    ),
    "Reflective Behavior Journaling": "Diario de reflexión sobre la conducta",
    "Restorative Justice (RJ) Conference": "Reunión de justicia restaurativa (RJ)",
    "Restorative Justice (RJ) Harm Circle": "Círculo de daño de justicia restaurativa (RJ)",
    "Revisit Student Data (Academic and Behavioral)": (
        "Revisar los datos del estudiante (académicos y de conducta)"
    ),
    "School Site (Reflection) Room": "Sala de reflexión de la escuela",
    "Teach social skills addressing the behavior": (
        "Enseñar habilidades sociales que atiendan la conducta"
    ),
    "Training on Cultural Sensitivity": "Capacitación en sensibilidad cultural",
    "Training on IDEA (Individuals with Disabilities Education Improvement Act)": (
        "Capacitación sobre IDEA (Ley de Educación para Personas con Discapacidades)"
    ),
    "Provide any tier two intervention/support": (
        "Brindar cualquier intervención o apoyo de Nivel II"
    ),
    "Parent Supervision": "Supervisión de los padres",
    "Restorative Justice Re-entry Circle": "Círculo de reingreso de justicia restaurativa",
    "Referral to drug education/counseling": "Remisión a educación u orientación sobre drogas",
    "Revisit Student SSPT, 504 Plan or IEP": "Revisar el SSPT, el Plan 504 o el IEP del estudiante",
    "Threat Assessment": "Evaluación de amenaza",
    "Teach and model school-wide positive behavior expectations and procedures": (
        "Enseñar y modelar las expectativas y los procedimientos de conducta positiva de "
        "toda la escuela"
    ),
    "Positive reinforcement, recognition and rewards for all students": (
        "Refuerzo positivo, reconocimiento y recompensas para todos los estudiantes"
    ),
    "Consistent consequences for problem behaviors": (
        "Consecuencias coherentes para las conductas problemáticas"
    ),
    "Effective procedures and supervision in non-classroom areas": (
        "Procedimientos eficaces y supervisión fuera del salón de clases"
    ),
    "Effective instruction and classroom management": (
        "Enseñanza eficaz y manejo del salón de clases"
    ),
    "Collaboration with parents and families": "Colaboración con los padres y las familias",
    "Active supervision and monitoring": "Supervisión y seguimiento activos",
}

ATTEMPT = (
    "Intento: intención específica de cometer la falta y un acto directo pero ineficaz "
    "encaminado a cometerla."
)
PHYSICAL_INJURY = (
    "Lesión física: lesión corporal que requiere tratamiento médico profesional (incluida "
    "la enfermera escolar)."
)
PROPERTY = (
    "Propiedad: incluye bienes inmuebles (terrenos y edificios) y bienes personales "
    "(dinero y objetos)."
)
SELF_DEFENSE = (
    "Defensa propia: uso de la fuerza razonable necesaria para protegerse por creer "
    "razonablemente que la otra persona pretendía causarle una lesión física."
)
HARASSMENT = (
    "Conductas que amenazan, intimidan, humillan, avergüenzan o ridiculizan a un estudiante "
    "o a un grupo de estudiantes. Puede incluir difundir rumores sobre otro estudiante y "
    "amenazar con pelear con él o hacerle daño. También incluye el uso de términos "
    "despectivos {about}."
)
BULLYING = (
    "Acoso escolar es todo acto o conducta física o verbal grave o generalizada, incluidas "
    "las comunicaciones electrónicas, cometida por uno o más alumnos hacia {whom} que tiene, "
    "o puede razonablemente preverse que tenga, uno o más de estos efectos: 1. temor "
    "razonable de daño a la persona o a sus bienes; 2. efecto sustancialmente perjudicial "
    "para la salud física o mental; 3. interferencia sustancial con el rendimiento "
    "académico; 4. interferencia sustancial con la capacidad de participar en los "
    "servicios, actividades o privilegios de la escuela o de beneficiarse de ellos. El "
    "ciberacoso es el acoso por medios electrónicos: mensajes de texto, sonido, imagen, "
    "video, publicaciones en sitios web, actividad en redes sociales u otra comunicación "
    "enviada desde un dispositivo electrónico."
)
CONTROLLED = (
    "Ilícito: no autorizado ni justificado por la ley. Sustancia controlada: incluye "
    "narcóticos y medicamentos recetados que no fueron recetados al estudiante que los "
    "tiene, por ejemplo marihuana, cocaína, éxtasis, Ritalin o Xanax, entre otros."
)

DEFINITIONS_ES = {
    "3.1a": "Causar: provocar un efecto o resultado. " + PHYSICAL_INJURY,
    "3.1b": ATTEMPT + " " + PHYSICAL_INJURY,
    "3.1c": (
        "Amenaza: expresión de la intención de lesionar a otra persona. Amenazar: declarar "
        "la intención de causar daño o lesionar a otra persona mediante un acto ilícito. "
        + PHYSICAL_INJURY
    ),
    "3.2": "Primera falta de posesión de marihuana, de menos de 1 onza, o de alcohol.",
    "3.3": (
        "Sustituto de sustancia controlada: cualquier líquido, sustancia o material que se "
        "presenta como sustancia controlada, bebida alcohólica o intoxicante. Intoxicante: "
        "droga distinta del alcohol que, al entrar en el cuerpo, disminuye la capacidad "
        "física y mental o produce sobreexcitación o aturdimiento. Incluye, entre otros, "
        "hidrocarburos de propelentes, solventes y adhesivos, y óxido nitroso comercial "
        "(aromatizantes, limpiadores de computadora, desodorantes en aerosol, pintura en "
        "aerosol, diluyentes, etc.)."
    ),
    "3.4": (
        "Conducta que desfigura o destruye bienes de un estudiante, del personal o de la "
        "escuela. " + PROPERTY + " " + ATTEMPT
    ),
    "3.5": (
        "Tomar bienes de la escuela o de otra persona sin el permiso o el conocimiento de "
        "la escuela o del dueño. " + PROPERTY + " " + ATTEMPT
    ),
    "3.6": (
        "Tabaco: cualquier producto que contenga tabaco o nicotina, como cigarrillos, "
        "puros, puritos, cigarrillos de clavo, tabaco sin humo, rapé, bolsitas para "
        "mascar y betel. Cigarrillo electrónico: dispositivo (que puede parecer un "
        "cigarrillo) que calienta nicotina líquida y la convierte en vapor que se inhala."
    ),
    "3.7": (
        "Obscenidad: lo extrema o profundamente ofensivo según las normas actuales de "
        "moral o decencia de la comunidad (Miller v. California, 1973): 1. la persona "
        "promedio consideraría que la obra, en su conjunto, apela a un interés lascivo; "
        "2. describe de manera claramente ofensiva conductas sexuales o funciones de "
        "excreción definidas por la ley estatal; 3. en su conjunto carece de valor "
        "literario, artístico, político o científico serio. Blasfemia o groserías: "
        "insultos personales que tienden a provocar una reacción violenta, o lenguaje tan "
        "ofensivo para quienes lo oyen que constituye una molestia pública. Vulgaridad: lo "
        "ofensivo para los sentidos."
    ),
    "3.8": (
        "Parafernalia de drogas: incluye, entre otros, papel para enrollar, encendedores y pipas."
    ),
    "3.9": (
        "Causar una interrupción o interferencia en toda la escuela. (El estudiante puede "
        "ser suspendido por un administrador, pero no expulsado.)"
    ),
    "3.10": "Aceptar bienes de la escuela o de otra persona sabiendo que son robados. " + PROPERTY,
    "3.11": (
        "Réplica de un arma de fuego tan parecida en sus características físicas a un arma "
        "real que una persona razonable concluiría que es un arma de fuego."
    ),
    "3.12a": HARASSMENT.format(about="sobre la raza, el color o el origen nacional de una persona"),
    "3.12b": HARASSMENT.format(about="sobre la discapacidad de una persona"),
    "3.12c": HARASSMENT.format(about="relacionados con otros factores"),
    "3.12d": (
        "Conductas que amenazan, intimidan, humillan, avergüenzan o ridiculizan al personal "
        "del Distrito. Puede incluir difundir rumores sobre el personal, amenazar con pelear "
        "con él o hacerle daño, y el uso de términos despectivos hacia el personal."
    ),
    "3.13": (
        "Insinuaciones sexuales no deseadas, peticiones de favores sexuales u otra conducta "
        "verbal, visual o física de naturaleza sexual."
    ),
    "3.14": (
        "Acto, o intento, contra la persona o los bienes de otra persona o institución que "
        "expresa hostilidad hacia la víctima por su raza, etnia, religión, discapacidad, "
        "género, nacionalidad u orientación sexual, reales o percibidas. Incluye, entre "
        "otros, llamadas amenazantes, insultos o burlas intolerantes, correo de odio, "
        "agresión física, vandalismo, quema de cruces, destrucción de símbolos religiosos "
        "y bombas incendiarias."
    ),
    "3.15": (
        "Declaración, oral o escrita, de que se causará la muerte o una lesión corporal "
        "grave a otra persona, con la intención específica de que se tome como amenaza, "
        "aunque no haya intención de cumplirla; tan inmediata y específica que hace creer a "
        "la persona amenazada que se cumplirá pronto y la mantiene con temor por su "
        "seguridad o la de su familia inmediata."
    ),
    "3.16": (
        "Uso intencional y deliberado de la fuerza o la violencia sobre el cuerpo de otra "
        "persona. Intencional: actos conscientes y dirigidos a lograr un fin. Fuerza: "
        "violencia, coacción o presión ejercida sobre una persona o cosa. Violencia: riesgo "
        "sustancial de que se use la fuerza contra una persona o sus bienes; uso de la "
        "fuerza física para herir o maltratar. " + SELF_DEFENSE
    ),
    "3.17": (
        "Acosar, amenazar o intimidar a un estudiante que es denunciante o testigo en un "
        "procedimiento disciplinario escolar, para impedir que sea testigo, para tomar "
        "represalias por serlo, o ambas cosas."
    ),
    "3.19": (
        "Ofrecer, acordar o negociar la venta, o vender, de manera ilícita el medicamento "
        "recetado Soma."
    ),
    "3.20": (
        "Novatada: método de iniciación o preiniciación en una organización o grupo "
        "estudiantil, reconocido oficialmente o no, que puede causar una lesión corporal "
        "grave o una degradación o deshonra personal que produzca daño físico o mental a un "
        "alumno actual, anterior o futuro."
    ),
    "3.21a": BULLYING.format(whom="un estudiante por razón de sexo"),
    "3.21b": BULLYING.format(whom="un estudiante por su raza, color u origen nacional"),
    "3.21c": BULLYING.format(whom="un estudiante por su discapacidad"),
    "3.21d": BULLYING.format(whom="un estudiante por otros factores"),
    "3.21e": BULLYING.format(whom="el personal de la escuela"),
    "3.22": (
        "El estudiante que ayuda o incita a causar, o intentar causar, una lesión física a "
        "otra persona puede ser suspendido, pero no expulsado. Ayudar: asistir. Incitar: "
        "asistir, alentar, instigar o apoyar."
    ),
    "2.1": (
        "Lesión física grave: lesión que implica un riesgo sustancial de muerte, dolor "
        "físico extremo, desfiguración prolongada y evidente, o pérdida o deterioro "
        "prolongado de la función de un miembro, órgano o facultad mental. Incluye, entre "
        "otros, pérdida del conocimiento, conmoción cerebral, fractura de hueso, herida que "
        "requiere muchas suturas y desfiguración grave. " + SELF_DEFENSE
    ),
    "2.2": (
        "Objeto peligroso: incluye, entre otros, cuchillos, pistolas de aire comprimido o "
        "de perdigones, armas de imitación, pistolas eléctricas, cargadores, municiones, "
        "fuegos artificiales comunes y manoplas. Cualquier objeto usado para causar o "
        "intentar causar daño corporal puede considerarse un objeto peligroso."
    ),
    "2.3": (
        "Posesión de cualquier sustancia controlada, incluida la posesión reiterada de "
        "marihuana y la primera posesión de más de 1 onza. " + CONTROLLED
    ),
    "2.4": (
        "Robo: tomar bienes personales de otra persona que los tiene en su poder, mediante "
        "la fuerza o la amenaza de usarla. Extorsión: obtener algo por medios coercitivos, "
        "como amenazas o intimidación."
    ),
    "2.5": (
        "Agresión: intento ilícito, junto con la capacidad presente de cometerla, de causar "
        "una lesión violenta a un empleado escolar. Violencia física: todo uso intencional e "
        "ilícito de la fuerza o la violencia sobre un empleado escolar."
    ),
    "1.1": (
        "Toda arma (incluida una pistola de salida) que dispara, está diseñada para "
        "disparar o puede convertirse fácilmente para disparar un proyectil mediante un "
        "explosivo, como pistolas, escopetas, rifles y revólveres. Las pistolas de aire "
        "comprimido o de perdigones, las armas de imitación, de paintball o eléctricas, "
        "las pistolas de fulminantes, las antigüedades o sus réplicas, los cargadores y las "
        "municiones NO son armas de fuego."
    ),
    "1.2": (
        "Amenazar, verbalmente o no, con un cuchillo. Cuchillo: arma con hoja de más de "
        "3½ pulgadas, navaja plegable con seguro, hoja de afeitar sin protección, puñal o "
        "daga, o cualquier arma con hoja hecha principalmente para apuñalar."
    ),
    "1.3": "Intercambio completo de dinero y droga. " + CONTROLLED,
    "1.4a": (
        "Agresión sexual: incluye violación, sodomía, copulación oral, penetración genital "
        "o anal con un objeto extraño, o actos lascivos con un menor de 14 años. " + ATTEMPT
    ),
    "1.4b": (
        "Abuso sexual: tocar las partes íntimas de otra persona, directamente o sobre la "
        "ropa, contra su voluntad, con fines de excitación, gratificación o abuso sexual."
    ),
    "1.5": (
        "Artefacto destructivo que contiene al menos 12 onzas de mezcla explosiva, como "
        "M-80, M-100, M-250 o M-1000. Los fuegos artificiales comunes NO son explosivos."
    ),
    "WD": (
        "El estudiante interrumpió las actividades escolares o desafió de otro modo, "
        "intencionalmente, la autoridad válida del personal escolar (supervisores, "
        "maestros, administradores, funcionarios u otro personal de la escuela) mientras "
        "cumplía su trabajo."
    ),
}
