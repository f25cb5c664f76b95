"""The offline coding engine: transcripts in, coded evidence out. Pure Python; never imports Django.

    from winloss.analysis import Coder, load_program, read_transcript
    coded = Coder(load_program("program.toml")).code(read_transcript("call.vtt"))
    coded.as_dict()   # the `winloss code --json` object
"""

from winloss.analysis.codebook import Codebook, Theme, load_codebook
from winloss.analysis.coder import Code, CodedInterview, CodedTurn, Coder, Quote
from winloss.analysis.program import Competitor, Program, ProgramError, load_program
from winloss.analysis.transcripts import NoSpeakersError, Transcript, TranscriptError, Turn, read_transcript

__all__ = [
    "Code",
    "CodedInterview",
    "CodedTurn",
    "Codebook",
    "Coder",
    "Competitor",
    "NoSpeakersError",
    "Program",
    "ProgramError",
    "Quote",
    "Theme",
    "Transcript",
    "TranscriptError",
    "Turn",
    "load_codebook",
    "load_program",
    "read_transcript",
]
