# bash completion for chorus. Installed to share/bash-completion/completions;
# or: source completions/chorus.bash
# Commands and options are read from `chorus --help` and `chorus help CMD`,
# so the completion follows the binary that is installed.
_chorus() {
    local cur prev cmd
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}
    local bin=${COMP_WORDS[0]}
    if [ "$COMP_CWORD" -eq 1 ]; then
        local cmds
        cmds=$("$bin" --help 2>/dev/null | awk '/^commands:/{on=1; next} on && /^  [a-z]/{print $1} on && /^$/{on=0}')
        COMPREPLY=($(compgen -W "$cmds help --help --version" -- "$cur"))
        return
    fi
    cmd=${COMP_WORDS[1]}
    case "$prev" in
        --format)
            local formats
            formats=$("$bin" help "$cmd" 2>/dev/null | grep -A3 -- '--format' | head -4 |
                      grep -oE '\b(md|markdown|json|text|html|summary|atom|jsonl)\b' | sort -u)
            COMPREPLY=($(compgen -W "$formats" -- "$cur"))
            return ;;
        --db|-o|--gold|--output)
            COMPREPLY=($(compgen -f -- "$cur"))
            return ;;
        --listen)
            COMPREPLY=($(compgen -W "127.0.0.1:8080 127.0.0.1:0" -- "$cur"))
            return ;;
    esac
    if [ "$cmd" = help ]; then
        COMPREPLY=($(compgen -W "$("$bin" --help 2>/dev/null | awk '/^commands:/{on=1; next} on && /^  [a-z]/{print $1} on && /^$/{on=0}')" -- "$cur"))
        return
    fi
    if [[ $cur == -* ]]; then
        local opts
        opts=$("$bin" help "$cmd" 2>/dev/null | grep -oE '(^|[ ,])--?[a-z][a-z-]*' | tr -d ' ,' | sort -u)
        COMPREPLY=($(compgen -W "$opts" -- "$cur"))
        return
    fi
    COMPREPLY=($(compgen -f -- "$cur"))
}
complete -o filenames -F _chorus chorus
