"""Follow-through on action items, headless: the board of items across
postmortems (``board``), finding and changing one item (``items``), the
review meeting and due dates as iCalendar (``calendar``), and the team's
trackers (``jira``, ``github``)."""

# How the command line names one action item (shown by --help and errors).
REF_HELP = (
    "ITEM is an action item's id as 'retro actions' prints it (a-4kq9); ids "
    "are unique within a postmortem, so when two postmortems have an item "
    "with the same id, put the postmortem's id (or a unique start of it) in "
    "front: k7m2qx/a-4kq9"
)
