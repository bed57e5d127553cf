from voicecoach.cli import main

main(prog_name="voicecoach")
