"""The sample district's vocabulary: fictional people and places, lessons, tools and notes.

Every name here is invented. No student is ever named; students appear only as counts.
"""

from app.models import MeasureKind

COACH = {
    "name": "Dana Whitfield",
    "title": "Instructional Technology Coach",
    "district": "Cedar Valley Unified School District",
}
TEAM_TITLE = "Lead Instructional Technology Coach"
EMAIL_DOMAIN = "cedarvalley.example.org"

# Full names used first, so even the small district is diverse.
FEATURED_TEACHERS = [
    "Lan Nguyễn",
    "María José Castillo",
    "Wei Chen",
    "DeShawn Carter",
    "Siobhan O'Reilly",
    "Guadalupe Hernández",
    "Minh Trần",
    "Priya Raman",
    "Mei-Ling Huang",
    "Alejandro Ruiz",
    "Emily Johnson",
    "Olusegun Adeyemi",
    "Thu Hà Phạm",
    "Hana Kim",
    "Javier Ortega",
    "Xiaoming Liu",
    "Fatima Al-Sayed",
    "Michael Brooks",
    "Lucía Ramírez",
    "Khoa Lê",
    "Ingrid Larsen",
    "Tyrone Washington",
    "Jun Zhang",
    "Rosa Martínez-Ochoa",
    "Keanu Kahale",
    "Sarah Goldberg",
    "Bảo Võ",
    "Daniel Okafor",
    "Chloe Tremblay",
    "Aarav Shah",
    "Grace Whitehorse",
    "Mateo Delgado",
    "Li Na Zhou",
    "Zainab Hussain",
    "Connor Murphy",
    "Amara Nwosu",
    "Beatriz Souza",
    "Yusuf Demir",
    "Elena Petrova",
    "Samuel Abernathy-Jones",
]

FIRST_NAMES = (  # noqa: SIM905 (a word list reads best as words)
    "Aaliyah Adrián Ahmed Aiko Alana Amir Ana Andre Anh Anjali Ben Bianca Camila Carlos "
    "Chen Chiara Dalia Darnell David Diego Dmitri Duc Eduardo Eli Esperanza Fernando Fiona "
    "Gabriel Hai Hannah Hector Hiroshi Hoa Imani Isabel Jamal Jasmine Jia Jorge Julia Kai "
    "Karina Kevin Lamar Laura Leticia Linh Malik Marcus Marisol Maya Min-jun Nadia Naomi "
    "Nia Omar Paolo Pedro Phuong Quang Rafael Rania Rebecca Ricardo Rohan Ruth Sofia Tamika "
    "Thanh Tomás Trang Valeria Victor Wen Xavier Yan Yesenia Yolanda Zoe"
).split()

LAST_NAMES = (  # noqa: SIM905 (a word list reads best as words)
    "Abbott Acosta Alvarado Anderson Baptiste Bautista Becker Bui Campbell Cao Chavez Cho "
    "Cruz Dang Davis Diaz Do Duarte Edwards Espinoza Evans Fischer Flores Foster Garcia "
    "Gomez Gonzalez Guo Gutierrez Ha Hall Hoang Huynh Ibrahim Jackson Jensen Kaur Khan "
    "Kowalski Lam Lopez Luong Ma Mendoza Miller Morales Moreno Nakamura Navarro Ng Nguyen "
    "Novak Ortiz Park Patel Pham Quach Reyes Rivera Robinson Rodriguez Romero Sandoval "
    "Santos Silva Singh Tanaka Thompson Torres Tran Truong Vargas Vo Walker Wang Williams "
    "Wu Xu Yang Zhao"
).split()

# Places schools are named after; the kind (elementary, middle, high) is added by size.
SCHOOL_PLACES = [
    "Riverside",
    "Maple Grove",
    "Oak Hollow",
    "Sunset Ridge",
    "Willow Creek",
    "Hillcrest",
    "Lakeview",
    "Pinecrest",
    "Meadowbrook",
    "Harbor View",
    "Juniper",
    "Sequoia",
    "Aspen Trail",
    "Cottonwood",
    "Fox Run",
    "Eagle Point",
    "Silver Lake",
    "Brookside",
    "Canyon View",
    "Prairie Wind",
    "Mission Hills",
    "Redwood",
    "Stonegate",
    "Bayside",
    "Highland Park",
    "Orchard Park",
    "Sycamore",
    "Granite Peak",
    "Larkspur",
    "Heron Bay",
    "Quail Run",
    "Bluebird",
    "Summit",
    "Evergreen",
    "Clearwater",
    "Westfield",
    "Northgate",
    "Sandpiper",
    "Magnolia",
    "Foothill",
]
SCHOOL_SUFFIX = {"elementary": "Elementary", "middle": "Middle School", "high": "High School"}

SUBJECTS = {
    "elementary": [
        "Multiple subjects",
        "Multiple subjects",
        "Multiple subjects",
        "Multiple subjects",
        "Multiple subjects",
        "Multiple subjects",
        "Literacy, Math",
        "Music",
        "Art",
        "Library Media",
        "Special Education",
        "English Language Development",
        "STEAM",
    ],
    "middle": [
        "Math",
        "Science",
        "English Language Arts",
        "Social Studies",
        "Spanish",
        "Computer Science",
        "Math, Science",
        "Band",
        "Special Education",
        "English Language Development",
    ],
    "high": [
        "Algebra 1",
        "Geometry",
        "Biology",
        "Chemistry",
        "Physics",
        "English 9",
        "AP English Literature",
        "US History",
        "World History",
        "Government, Economics",
        "Spanish",
        "Mandarin",
        "Computer Science",
        "Engineering",
        "Photography",
        "Special Education",
    ],
}

PERIODS = {
    "elementary": [("Literacy block", 8, 45), ("Math block", 10, 30), ("Science", 13, 15)],
    "middle": [(f"Period {n}", h, m) for n, h, m in ((1, 8, 0), (2, 9, 0), (3, 10, 5))]
    + [(f"Period {n}", h, m) for n, h, m in ((4, 11, 5), (5, 12, 40), (6, 13, 40))],
    "high": [(f"Period {n}", h, m) for n, h, m in ((1, 7, 45), (2, 8, 45), (3, 9, 50))]
    + [(f"Period {n}", h, m) for n, h, m in ((4, 11, 25), (5, 12, 25), (6, 13, 25))],
}

TEACHER_NOTES = [
    "Prefers email before 8 am; planning period is 3rd.",
    "New to this grade level this year.",
    "Department lead; happy to host visitors.",
    "Shares a Chromebook cart with the room next door on Tuesdays.",
    "Asked for help with Google Classroom rubrics.",
    "Runs the after-school robotics club.",
]
ARCHIVED_NOTE = "Moved to another district at the semester break."


# Each focus: (focus, goal, learning target, technology, measure kind, measure description).
FOCUSES = [
    (
        "Nearpod virtual labs",
        "Students will sustain on-task talk during Nearpod virtual labs",
        "I can explain what changed in the simulation and why, using evidence.",
        "Nearpod",
        MeasureKind.TIME_ON_TASK,
        "",
    ),
    (
        "Desmos Activity Builder",
        "Students will explain their reasoning on every Desmos screen, not just the answer",
        "I can justify my answer with a graph or a table.",
        "Desmos",
        MeasureKind.EXIT_TICKET,
        "Share of exit tickets with a complete justification",
    ),
    (
        "Seesaw reading journals",
        "Students will record a fluent read-aloud in Seesaw each week and listen back to it",
        "I can read with expression and notice my own mistakes.",
        "Seesaw",
        MeasureKind.CUSTOM,
        "Share of students recording a weekly read-aloud",
    ),
    (
        "Station rotation with Chromebooks",
        "Students will work independently at the tech station for the full 15 minutes",
        "I can follow the station checklist without help.",
        "Chromebooks",
        MeasureKind.TIME_ON_TASK,
        "",
    ),
    (
        "Flip video reflections",
        "Students will explain one revision to their design in a 90-second Flip video",
        "I can describe how I improved my design and why.",
        "Flip",
        MeasureKind.EXIT_TICKET,
        "Share of videos naming a revision and a reason",
    ),
    (
        "Kami annotation of primary sources",
        "Students will annotate primary sources with a claim and two pieces of evidence",
        "I can support a claim with evidence from a source.",
        "Kami",
        MeasureKind.QUIZ_SCORE,
        "Document-based question score (%)",
    ),
    (
        "Pear Deck formative checks",
        "Students will answer every Pear Deck check and revise after feedback",
        "I can use feedback to fix my own mistakes.",
        "Pear Deck",
        MeasureKind.TIME_ON_TASK,
        "",
    ),
    (
        "Google Docs peer feedback",
        "Students will give specific, kind and helpful comments on two peers' drafts",
        "I can give feedback that helps a writer revise.",
        "Google Docs",
        MeasureKind.TIME_ON_TASK,
        "",
    ),
    (
        "Gimkit retrieval practice",
        "Students will raise their unit quiz average through spaced Gimkit practice",
        "I can recall key vocabulary without my notes.",
        "Gimkit",
        MeasureKind.QUIZ_SCORE,
        "Unit quiz average (%)",
    ),
    (
        "Minecraft Education ecosystems",
        "Students will plan, build and explain a model ecosystem with a partner",
        "I can explain how energy moves through an ecosystem.",
        "Minecraft Education",
        MeasureKind.TIME_ON_TASK,
        "",
    ),
    (
        "PhET simulations in pairs",
        "Students will predict, test and explain with a partner during PhET simulations",
        "I can make a prediction and test it.",
        "PhET",
        MeasureKind.TIME_ON_TASK,
        "",
    ),
    (
        "Padlet exit tickets",
        "Students will name the day's target and one question on a Padlet exit ticket",
        "I can say what I learned today and what I still wonder.",
        "Padlet",
        MeasureKind.EXIT_TICKET,
        "Share of exit tickets naming the target",
    ),
    (
        "Book Creator research books",
        "Students will publish an illustrated research book that cites two sources",
        "I can find facts in two sources and say where they came from.",
        "Book Creator",
        MeasureKind.CUSTOM,
        "Share of books citing two sources",
    ),
    (
        "ScratchJr storytelling",
        "Students will sequence a three-scene story in ScratchJr and retell it aloud",
        "I can put the events of a story in order.",
        "ScratchJr",
        MeasureKind.TIME_ON_TASK,
        "",
    ),
]
# Focuses that only fit some grade levels; the rest suit any school.
FOCUS_SCHOOLS = {
    "Seesaw reading journals": ("elementary",),
    "ScratchJr storytelling": ("elementary",),
    "Book Creator research books": ("elementary", "middle"),
    "Desmos Activity Builder": ("middle", "high"),
    "Kami annotation of primary sources": ("middle", "high"),
    "Google Docs peer feedback": ("middle", "high"),
    "Minecraft Education ecosystems": ("elementary", "middle"),
}


def focuses_for(school_kind: str) -> list[tuple]:
    return [f for f in FOCUSES if school_kind in FOCUS_SCHOOLS.get(f[0], (school_kind,))]


TIME_ON_TASK_MEASURE = (
    "Whole-class sweep every 5 minutes: share of students on task, weighted by students present"
)

LESSONS = {
    "elementary": [
        "Fractions on a number line",
        "Reading fluency stations",
        "Sight words and sound boxes",
        "The water cycle",
        "Place value with base-ten blocks",
        "Mapping our community",
        "Character traits with evidence",
        "Plants and what they need",
    ],
    "middle": [
        "Solving two-step equations",
        "States of matter",
        "Plate tectonics simulation",
        "Ecosystems and food webs",
        "Primary sources: the Dust Bowl",
        "Persuasive paragraph drafting",
        "Data and probability",
        "Poetry: figurative language",
    ],
    "high": [
        "Slope as a rate of change",
        "Graphing linear inequalities",
        "Genetics: Punnett squares",
        "Chemical reactions lab",
        "Argument writing: counterclaims",
        "Comparing historical accounts",
        "Research questions and sources",
        "Forces and motion",
    ],
}

REFLECTIONS = [
    "The sentence frames made the biggest difference; students argued with evidence sooner.",
    "Timing the tech station with a visual timer cut the transition in half.",
    "I stopped rescuing students at the first login problem and they solved most themselves.",
    "Seeing the sweep data changed my mind about partner work; it was the strongest part.",
    "Modelling the first five minutes mattered more than the tool itself.",
]
NEXT_STEPS = [
    "Keep the routine for the next unit and collect one more round of sweeps.",
    "Share the station checklist with the grade-level team.",
    "Start a new cycle on feedback quality in the spring.",
    "Try the same structure in the period with the most transitions.",
    "Teach students to run the timer themselves.",
]
ABANDONED_REASONS = [
    "Teacher went on family leave; we agreed to restart in the spring.",
    "The Chromebook cart went out for repairs for six weeks.",
    "Teacher was moved to a new grade level mid-year.",
    "Paused for state testing; the schedule left no time for co-teaching.",
    "Teacher asked to pause while covering a colleague's classes.",
]
SESSION_NEXT_STEPS = {
    "goal_setting": "Pick the lesson for the model and share the slides by Thursday.",
    "model_lesson": "Teacher runs the launch next week; coach takes sweeps.",
    "co_teach": "Teacher leads; coach supports the small group at the back table.",
    "debrief": "Decide together: new cycle, extend, or close.",
}

OBSERVATION_NOTES = [
    "Launch took 8 minutes while Chromebooks logged in.",
    "Clear directions on the slide; students started without questions.",
    "Partner talk was strongest when roles were assigned.",
    "Headphones ran short; two groups shared one device.",
    "Students used the sentence frames on the board without prompting.",
    "Lesson ended with a quick exit ticket; most finished in time.",
    "",
    "",
]
SWEEP_NOTES = {
    "empty": "Class walked to the library for book exchange; nobody in the room.",
    "login": "Chromebooks still logging in.",
    "headphones": "Headphones handed out.",
}

CYCLE_NOTES_SHARED = [
    "Goal agreed: {goal}. We will measure it the same way at the start and the end.",
    "Good energy at the goal-setting conference; first step is modelling {focus}.",
    "Teacher chose the class with the most transitions for this cycle.",
]
CYCLE_NOTES_PRIVATE = [
    "Feels nervous about being observed this year; keep the talk on student data.",
    "Mentioned a hard week at home. Check in before pushing the co-teach date.",
    "Asked not to share the baseline with the department yet.",
    "Worried that {focus} will eat into class time; start with ten minutes.",
]
SESSION_NOTES_SHARED = {
    "goal_setting": "Watched the baseline lesson together and picked one student-focused goal.",
    "model_lesson": "Modelled the launch of {focus}; teacher ran the timer and took notes.",
    "co_teach": "Co-taught: teacher led the mini-lesson, coach supported one small group.",
    "debrief": "Reviewed the sweeps together; on-task rose most during partner work.",
}
SESSION_NOTES_PRIVATE = [
    "Teacher seemed rushed; hold the next meeting in a planning period, not at lunch.",
    "Teacher was unsure about the co-teach; offer to take the opening instead.",
]
OBSERVATION_NOTES_SHARED = [
    "Strong routine for handing out devices; under two minutes.",
    "Students explained their thinking to a partner before typing.",
    "The visual timer kept the independent work on track.",
]
OBSERVATION_NOTES_PRIVATE = [
    "A group at the back table was off task most of the independent time; discuss seating.",
    "Teacher looked tired; keep the debrief short and positive.",
]
PILOT_NOTES_SHARED = [
    "Vendor call: the single sign-on fix is promised for the next release.",
    "Teachers asked for a one-page quick start; drafted and shared.",
]
PILOT_NOTES_PRIVATE = [
    "Vendor rep pushed for a three-year contract; hold until the decision meeting.",
    "One teacher is lukewarm but did not want to say so in front of the others.",
]

# Pilot tools are invented names, so no real product is shown failing a check.
TOOL_PREFIXES = (  # noqa: SIM905 (a word list reads best as words)
    "Read Math Lab Story Quiz Code Geo Lingo Note Spark Echo Pixel Vox Sprout"
).split()
TOOL_SUFFIXES = (  # noqa: SIM905 (a word list reads best as words)
    "Along Quest Loom Hive Garden Trek Works Path Nest Forge Lens Studio"
).split()
VENDORS = [
    "Brightleaf Learning",
    "Northstar EdTech",
    "Kestrel Labs",
    "Tidewater Software",
    "Owlet Education",
    "Blue Heron Learning",
    "Lumen Nine",
    "Cobalt Classroom",
]
TOOL_SUBJECTS = {
    "Read": ("Build reading fluency in grades 2-3", "CCSS.ELA-LITERACY.RF.2.4"),
    "Story": ("Plan and publish narrative writing", "CCSS.ELA-LITERACY.W.4.3"),
    "Lingo": ("Grow academic vocabulary for English learners", "ELD.PI.6.12"),
    "Note": ("Annotate texts with claims and evidence", "CCSS.ELA-LITERACY.RI.8.1"),
    "Math": ("Practise ratio reasoning with feedback", "CCSS.MATH.CONTENT.6.RP.A.3"),
    "Geo": ("Explore transformations on the coordinate plane", "CCSS.MATH.CONTENT.8.G.A.3"),
    "Quiz": ("Retrieval practice for unit vocabulary", "ISTE 1.1 Empowered Learner"),
    "Lab": ("Run virtual labs on chemical reactions", "NGSS MS-PS1-2"),
    "Spark": ("Design and test simple circuits", "NGSS 4-PS3-2"),
    "Echo": ("Record and reflect on oral presentations", "CCSS.ELA-LITERACY.SL.7.4"),
    "Code": ("Sequence and debug block-based programs", "CSTA 1B-AP-10"),
    "Pixel": ("Create digital stories with images and voice", "ISTE 1.6 Creative Communicator"),
    "Vox": ("Discuss texts in small-group audio threads", "CCSS.ELA-LITERACY.SL.5.1"),
    "Sprout": ("Track plant growth data in K-2 science", "NGSS K-LS1-1"),
}

CHECK_EVIDENCE = {
    "privacy": {
        "pass": "Signed the state student data privacy agreement; no advertising to students.",
        "fail": "Terms allow sharing de-identified student data with partners for marketing; "
        "the vendor declined the district agreement.",
        "unknown": "Data privacy agreement sent to the vendor; awaiting signature.",
    },
    "sso": {
        "pass": "Google and Clever sign-in tested with student accounts.",
        "fail": "Usernames and passwords only; no Google or Clever sign-in.",
        "unknown": "Clever rostering is in the vendor's beta.",
    },
    "accessibility": {
        "pass": "Accessibility report reviewed: WCAG 2.1 AA; tested with a screen reader.",
        "fail": "Keyboard focus gets trapped on the game board; videos have no captions.",
        "unknown": "Accessibility conformance report requested.",
    },
    "cost": {
        "pass": "${cost:.2f} per student a year on a site licence.",
        "fail": "${cost:.2f} per student a year; above the $5 line for supplemental tools.",
        "unknown": "Quote requested for the grade levels in the pilot.",
    },
    "evidence": {
        "pass": "ESSA tier {tier}: {study}.",
        "fail": "No study or logic model provided.",
        "unknown": "The vendor is sending its research summary.",
    },
    "mobile": {
        "pass": "Works on iPads and Chromebooks; offline mode for field trips.",
        "fail": "Chromebooks only; the K-2 iPads are not supported.",
        "unknown": "The iPad app is in review.",
    },
}
ESSA_STUDIES = {
    1: "randomised study with 2,400 students in three states",
    2: "quasi-experimental study with matched comparison schools",
    3: "correlational study with 1,200 students",
    4: "a logic model and a plan to study outcomes",
}

LOG_ERRORS = [
    "Sign-in loop on Chromebooks; students waited while it retried.",
    "Audio did not play through the classroom speakers.",
    "Class roster missing three students; added by hand.",
    "The activity froze on the last screen for half the class.",
    "Wi-Fi dropped in the portable; the tool has no offline mode.",
]
LOG_USAGE = [
    "Used as the independent station in the rotation.",
    "Whole-class launch on the board, then partners on devices.",
    "Used for the weekly review game.",
]
LOG_NOTES = [
    "Vendor support answered within a day.",
    "Teachers asked for a shared folder of ready-made activities.",
    "Students asked to keep using it after the unit.",
]

SURVEY_ITEMS = [
    "I can choose a digital tool that fits my lesson goal.",
    "I can fix common problems with the tool during class.",
    "Technology helps my students work together.",
    "I use technology to check understanding during a lesson.",
    "My students use technology to create, not only to consume.",
    "I feel confident trying a new tool in front of my class.",
    "I can plan a lesson where technology changes the task.",
    "I know where to get help with classroom technology.",
]

PD_TOPICS = [
    "Getting started with Seesaw portfolios",
    "Desmos for the Algebra 1 team",
    "Digital citizenship lessons for advisory",
    "AI tools and academic integrity",
    "Station rotation with one device cart",
    "Accessibility features built into Chromebooks",
    "Formative checks with Pear Deck",
    "Student data privacy: what to check before you click Accept",
    "Video feedback with Flip",
    "Google Classroom rubrics and grading",
]
PD_AUDIENCES = [
    "Grade 3 team",
    "New teacher academy",
    "Science department",
    "Whole staff",
    "Math PLC",
    "Instructional aides",
    "Library media specialists",
    "Special education team",
]
INFORMAL_TOPICS = [
    "Quick help: casting a Chromebook to the projector",
    "Hallway question about Google Classroom due dates",
    "Helped set up a Seesaw class",
    "Planning chat about a Desmos lesson",
    "Troubleshot headphones and audio settings",
    "Shared a digital citizenship lesson",
]
COFFEE_TOPIC = "Coffee and Curriculum"
COFFEE_THEMES = [
    "favourite formative tools",
    "AI in lesson planning",
    "exit tickets that take two minutes",
    "making the most of one device cart",
]

EVIDENCE_CAPTIONS = {
    "chart": "Time on task at each sweep of the lesson",
    "whiteboard": "Anchor chart the class built during the co-teach",
    "growth": "Baseline and final observations side by side",
    "screenshot": "Teacher dashboard from the pilot's second week",
}
TEACHER_NOTES_PRIVATE = [
    "Prefers written feedback first, then a short conversation.",
    "Sceptical about new tools after last year's rollout; start small.",
]
