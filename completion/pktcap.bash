# pktcap.bash: bash completion for pktctl (commands, options, ring names and case ids from the daemon) and pktcapd
# SPDX-License-Identifier: BSD-2-Clause
#
# Installed as completions/pktctl and completions/pktcapd, so bash-completion
# loads it on the first Tab after either name. The command list and each
# command's options are read from pktctl's own help, so they follow the
# command table; ring names come from the running daemon (status --json),
# case ids from "pktctl cases --json" where that command exists.

# The words before the command that pktctl itself takes (-S, -H) are kept in
# _pktctl_conn, so the daemon asked for names is the one the line talks to.
_pktctl_query()
{
	timeout 3 "${_pktctl_prog:-pktctl}" "${_pktctl_conn[@]}" "$@" 2>/dev/null
}

# The value of every "KEY": "VALUE" member of the JSON on stdin, one a line.
_pktctl_json_values()
{
	sed -n 's/^[[:space:]]*"'"$1"'":[[:space:]]*"\([^"]*\)",\{0,1\}[[:space:]]*$/\1/p'
}

_pktctl_rings()
{
	local r
	# A ring, or its interface alone for all of the interface's rings.
	for r in $(_pktctl_query status --json | _pktctl_json_values name); do
		printf '%s\n%s\n' "$r" "${r%%/*}"
	done | sort -u
}

_pktctl_commands()
{
	"${_pktctl_prog:-pktctl}" --help 2>/dev/null |
		sed -n '/^Commands/,/^$/s/^  \([a-z][-a-z]*\) .*/\1/p'
}

_pktctl_cases()
{
	_pktctl_commands | grep -qx cases || return 0
	_pktctl_query cases --json | _pktctl_json_values case
}

_pktctl()
{
	local cur prev words cword
	if declare -F _init_completion >/dev/null; then
		_init_completion -n : || return
	else
		cur=${COMP_WORDS[COMP_CWORD]}
		prev=${COMP_WORDS[COMP_CWORD - 1]}
		words=("${COMP_WORDS[@]}")
		cword=$COMP_CWORD
	fi
	local _pktctl_prog=${words[0]}
	local -a _pktctl_conn=()
	local i cmd= cmdi=0

	# pktctl's own options come before the command word.
	for ((i = 1; i < cword; i++)); do
		case ${words[i]} in
		-S | --socket | -H | --host)
			_pktctl_conn+=("${words[i]}" "${words[i + 1]}")
			((i++))
			;;
		-*) ;;
		*)
			cmd=${words[i]}
			cmdi=$i
			break
			;;
		esac
	done

	if [[ -z $cmd ]]; then
		case $prev in
		-S | --socket)
			COMPREPLY=($(compgen -f -- "$cur"))
			return
			;;
		-H | --host)
			COMPREPLY=($(compgen -A hostname -- "$cur"))
			return
			;;
		esac
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W '-S --socket -H --host -j --json -V --version -h --help' -- "$cur"))
		else
			COMPREPLY=($(compgen -W "$(_pktctl_commands)" -- "$cur"))
		fi
		return
	fi

	# A unique prefix names the command, as pktctl itself accepts.
	local full
	full=$(_pktctl_commands | grep -x -- "${cmd}[-a-z]*")
	[[ $(wc -w <<<"$full") == 1 ]] && cmd=$full

	case $prev in
	-w | -r)
		COMPREPLY=($(compgen -f -- "$cur"))
		return
		;;
	--since | --until | -c | --count | --top)
		return
		;;
	--time-stamp-precision)
		COMPREPLY=($(compgen -W 'micro nano' -- "$cur"))
		return
		;;
	--case)
		COMPREPLY=($(compgen -W "$(_pktctl_cases)" -- "$cur"))
		return
		;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$("$_pktctl_prog" help "$cmd" 2>/dev/null |
			grep -oE -- '(^|[[ |])--?[A-Za-z#][-A-Za-z]*' | tr -d '[ |' | sort -u)" -- "$cur"))
		return
	fi
	case $cmd in
	help)
		[[ $cword == $((cmdi + 1)) ]] &&
			COMPREPLY=($(compgen -W "$(_pktctl_commands)" -- "$cur"))
		;;
	release | verify | export)
		COMPREPLY=($(compgen -W "$(_pktctl_cases)" -- "$cur"))
		;;
	reload | interfaces)
		;;
	*)
		# Rings, then (for dump and summary) the filter, which is free text.
		COMPREPLY=($(compgen -W "$(_pktctl_rings)" -- "$cur"))
		;;
	esac
}

_pktcapd()
{
	local cur prev
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD - 1]}
	case $prev in
	-f | --config | -S | --socket)
		COMPREPLY=($(compgen -f -- "$cur"))
		return
		;;
	-w | --storage)
		COMPREPLY=($(compgen -d -- "$cur"))
		return
		;;
	-Z | --user)
		COMPREPLY=($(compgen -u -- "$cur"))
		return
		;;
	-l | --log-level)
		COMPREPLY=($(compgen -W 'debug info notice warning error' -- "$cur"))
		return
		;;
	esac
	COMPREPLY=($(compgen -W "$("${COMP_WORDS[0]}" -h 2>/dev/null |
		grep -oE -- '(^|[ ,])--?[A-Za-z][-A-Za-z]*' | tr -d ' ,' | sort -u)" -- "$cur"))
}

complete -F _pktctl pktctl
complete -F _pktcapd pktcapd
